import { describe, expect, it } from 'vitest';
import { emptyPanes, fillAhead, placeShown, type PaneWeek, type Panes } from '../../renderer/src/week/panes';

const week = (key: string, version = 1): PaneWeek<string> => ({ key, week: `${key}@${version}` });
const keys = (panes: Panes<string>) => panes.map((p) => p?.key ?? null);

describe('week panes: the week shown and its neighbours drawn ahead', () => {
  it('places the shown week at once and the neighbours in the other panes', () => {
    const shown = placeShown(emptyPanes<string>(), week('03-02'), []);
    expect(keys(shown)).toEqual(['03-02', null, null]);
    const filled = fillAhead(shown, '03-02', [week('03-09'), week('02-23')]);
    expect(keys(filled)).toEqual(['03-02', '03-09', '02-23']);
  });

  it('a switch to a neighbour drawn ahead changes no pane: the week is shown from the pane it was drawn in', () => {
    const panes = fillAhead(placeShown(emptyPanes<string>(), week('03-02'), []), '03-02', [week('03-09'), week('02-23')]);
    expect(placeShown(panes, week('03-09'), ['03-02', '03-16'])).toBe(panes);
  });

  it('the next neighbour takes the pane of the week left behind, never the shown one or the one just left', () => {
    const panes = fillAhead(placeShown(emptyPanes<string>(), week('03-02'), []), '03-02', [week('03-09'), week('02-23')]);
    const next = fillAhead(panes, '03-09', [week('03-16'), week('03-02')]);
    expect(keys(next)).toEqual(['03-02', '03-09', '03-16']);
  });

  it('the shown week is drawn from its newest copy, a neighbour brought up to date, and nothing changes without cause', () => {
    const panes = fillAhead(placeShown(emptyPanes<string>(), week('03-02'), []), '03-02', [week('03-09')]);
    const changed = placeShown(panes, week('03-02', 2), ['03-09']);
    expect(changed[0]).toEqual(week('03-02', 2));
    const refreshed = fillAhead(changed, '03-02', [week('03-09', 2)]);
    expect(refreshed[1]).toEqual(week('03-09', 2));
    expect(fillAhead(refreshed, '03-02', [week('03-09', 2)])).toBe(refreshed);
    // The shown week offered as a neighbour (while its own neighbour loads) is left to placeShown.
    expect(fillAhead(refreshed, '03-02', [week('03-02', 3)])).toBe(refreshed);
  });

  it('a week not drawn ahead takes the pane of a week not kept, reusing its elements (a jump far away: the week just shown)', () => {
    const one = placeShown(emptyPanes<string>(), week('03-02'), []);
    expect(keys(placeShown(one, week('06-01'), ['05-25', '06-08']))).toEqual(['06-01', null, null]);
    // The week just shown is a neighbour of the week asked for (a click before it was drawn): it is kept, an empty pane is taken.
    expect(keys(placeShown(one, week('03-09'), ['03-02', '03-16']))).toEqual(['03-02', '03-09', null]);
  });

  it('a jump far away takes a pane not kept, else the first one', () => {
    const panes = fillAhead(placeShown(emptyPanes<string>(), week('03-02'), []), '03-02', [week('03-09'), week('02-23')]);
    expect(keys(placeShown(panes, week('06-01'), ['03-09']))).toEqual(['06-01', '03-09', '02-23']);
    expect(keys(placeShown(panes, week('06-01'), ['03-02', '03-09', '02-23']))).toEqual(['06-01', '03-09', '02-23']);
  });
});
