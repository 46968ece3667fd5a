import { afterEach, beforeEach, expect } from 'vitest';
import { startCalendarHarness, type CalendarHarness } from './calendar-harness';

/**
 * A fresh calendar harness for each test, handed to the file by `use`; after
 * each test the fake must have seen nothing off Google's schema, and the
 * harness closes. (Kept apart from calendar-harness.ts, which the benches
 * load without vitest.)
 */
export function useCalendarHarness(use: (h: CalendarHarness) => void): void {
  let current: CalendarHarness | undefined;
  beforeEach(async () => {
    current = await startCalendarHarness();
    use(current);
  });
  afterEach(async () => {
    const h = current;
    current = undefined;
    if (!h) return;
    try {
      expect(h.schemaProblems).toEqual([]);
    } finally {
      await h.close();
    }
  });
}
