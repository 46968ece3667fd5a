import type { StaleRules } from '../../../shared/business/stale';
import type { Translate } from '../i18n';

const WAITING = [12, 24, 48, 72, 96, 168];
const START_WITHIN = [6, 12, 24, 48, 72];

/**
 * The preferences' "unpaid classes" thresholds (hours); saved by main in settings.staleRules. Each change sends
 * only the field it changed (main merges it), never the whole rules from props that may not yet hold the last save.
 */
export function StaleRulesFields({ t, rules, onChange }: { t: Translate; rules: StaleRules; onChange(change: Partial<StaleRules>): void }) {
  const options = (choices: number[], current: number) =>
    [...new Set([...choices, current])]
      .sort((a, b) => a - b)
      .map((h) => (
        <option key={h} value={h}>
          {h}
        </option>
      ));
  return (
    <fieldset className="field-group">
      <legend>{t('stale.settings')}</legend>
      <label className="field">
        <span>{t('stale.waitingHours')}</span>
        <select value={rules.waitingHours} onChange={(e) => onChange({ waitingHours: Number(e.target.value) })} data-testid="stale-waiting-hours">
          {options(WAITING, rules.waitingHours)}
        </select>
      </label>
      <label className="field">
        <span>{t('stale.startWithinHours')}</span>
        <select value={rules.startWithinHours} onChange={(e) => onChange({ startWithinHours: Number(e.target.value) })} data-testid="stale-start-hours">
          {options(START_WITHIN, rules.startWithinHours)}
        </select>
      </label>
    </fieldset>
  );
}
