import { useCallback, useState } from 'react';
import type { HourRange } from '../week/layout';

/** The working hours are a preference of this screen, kept in the page's local storage (not a setting main needs). */
const KEY = 'teacher-desk.working-hours';
export const DEFAULT_WORKING_HOURS: HourRange = { startHour: 8, endHour: 22 };

function valid(value: unknown): value is HourRange {
  if (typeof value !== 'object' || value === null) return false;
  const { startHour, endHour } = value as Record<string, unknown>;
  return Number.isInteger(startHour) && Number.isInteger(endHour) && (startHour as number) >= 0 && (endHour as number) <= 24 && (startHour as number) < (endHour as number);
}

function read(): HourRange {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return valid(parsed) ? parsed : DEFAULT_WORKING_HOURS;
  } catch {
    return DEFAULT_WORKING_HOURS;
  }
}

export function useWorkingHours(): [HourRange, (next: HourRange) => void] {
  const [hours, setHours] = useState(read);
  const update = useCallback((next: HourRange) => {
    if (!valid(next)) return;
    setHours(next);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // Storage full or disabled: the preference lasts for this session only.
    }
  }, []);
  return [hours, update];
}
