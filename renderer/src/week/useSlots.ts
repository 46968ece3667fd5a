import { useLayoutEffect, useMemo, useRef } from 'react';
import { assignSlots } from './reuse';

/** The slot (React key) of each box, carried from the last committed render of this column. */
export function useSlots(boxes: readonly { key: string }[]): ReadonlyMap<string, string> {
  const committed = useRef<ReadonlyMap<string, string>>(new Map());
  // Pure given the last commit and the focus, so a render React repeats or throws away assigns the same slots.
  const slots = useMemo(() => assignSlots(committed.current, boxes.map((box) => box.key), focusedBoxKey(committed.current)), [boxes]);
  useLayoutEffect(() => {
    committed.current = slots;
  }, [slots]);
  return slots;
}

/** The key of the box whose button has focus, if it is in this column. */
function focusedBoxKey(slots: ReadonlyMap<string, string>): string | null {
  const id = typeof document === 'undefined' ? undefined : document.activeElement?.closest<HTMLElement>('[data-testid="booking"]')?.dataset.bookingId;
  if (!id) return null;
  for (const key of slots.keys()) if (key.startsWith(`b:${id}:`)) return key;
  return null;
}
