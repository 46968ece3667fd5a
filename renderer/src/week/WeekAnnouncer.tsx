import { memo, useLayoutEffect, useState, type RefObject } from 'react';
import type { Locale } from '../../../shared/settings';
import { formatWeekRange } from '../format';
import { classCount, type Translate } from '../i18n';

/** A week reached by navigation, as facts (not a sentence), so that it is said in the language on screen. */
export interface Announcement {
  days: readonly string[];
  count: number;
}

/**
 * The polite live region that says which week is now shown. It holds what it
 * says in its own state, so announcing re-renders it alone, not the app (a
 * week switch stays one render of the app). App calls `connect.current`.
 */
export const WeekAnnouncer = memo(function WeekAnnouncer({ t, locale, connect }: { t: Translate; locale: Locale; connect: RefObject<(facts: Announcement) => void> }) {
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  useLayoutEffect(() => {
    connect.current = setAnnouncement;
  }, [connect]);
  return (
    <p className="sr-only" aria-live="polite" data-testid="announcer">
      {announcement ? t('week.announce', { range: formatWeekRange(announcement.days, locale), count: classCount(t, announcement.count) }) : ''}
    </p>
  );
});
