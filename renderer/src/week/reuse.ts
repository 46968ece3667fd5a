/**
 * When a pane takes another week (a neighbour drawn ahead, a jump to a week
 * not drawn), its boxes are reused, not remounted (panes.ts).
 *
 * A box's React key is a slot, not its booking: a box still in the column
 * keeps its slot (its DOM, its focus), and a box new to the column takes a
 * slot a departed box left, so the pane's elements are updated in place
 * instead of removing one week's elements and creating the next week's.
 */
export function assignSlots(previous: ReadonlyMap<string, string>, keys: readonly string[], focused: string | null = null): Map<string, string> {
  const next = new Map<string, string>();
  const present = new Set(keys);
  // The focused box's element is never handed to another class: it goes, and focus with it, as before reuse.
  const free = [...previous].filter(([key]) => !present.has(key) && key !== focused).map(([, slot]) => slot);
  const used = new Set<string>();
  for (const key of keys) {
    const slot = previous.get(key);
    if (slot !== undefined && !used.has(slot)) {
      next.set(key, slot);
      used.add(slot);
    }
  }
  let fresh = previous.size;
  for (const key of keys) {
    if (next.has(key)) continue;
    let slot = free.shift();
    while (slot === undefined || used.has(slot)) slot = free.shift() ?? `s${fresh++}`;
    next.set(key, slot);
    used.add(slot);
  }
  return next;
}

/**
 * Props equality for a memoised box: the layout box compared field by field
 * (a re-layout of the same week makes new box objects with the same values),
 * everything else by identity. A minute's tick or a selection elsewhere then
 * re-renders no box but the ones it concerns.
 */
export function sameBoxProps<P extends object>(a: P, b: P): boolean {
  const keys = Object.keys(a) as (keyof P)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => (key === 'box' ? shallowEqual(a[key] as object, b[key] as object) : Object.is(a[key], b[key])));
}

function shallowEqual(a: object, b: object): boolean {
  if (a === b) return true;
  const ka = Object.keys(a) as (keyof typeof a)[];
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is(a[k], b[k]));
}
