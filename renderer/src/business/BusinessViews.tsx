import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { Booking } from '../../../shared/booking';
import type { StaleRules } from '../../../shared/business/stale';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import type { OutboxState } from '../hooks/useOutbox';
import type { Translate } from '../i18n';
import { StudentsDialog } from './StudentsDialog';
import { ToConfirmDialog } from './ToConfirmDialog';
import './business.css';

/** The earnings view draws its charts with recharts, the page's largest library: loaded when first opened, not before the first week paints. */
const EarningsDialog = lazy(() => import('./EarningsDialog').then((m) => ({ default: m.EarningsDialog })));

export type BusinessView = 'queue' | 'earnings' | 'students';

/** Which business view is open, and the header's entries to them. */
export function useBusinessViews() {
  const [view, setView] = useState<BusinessView | null>(null);
  const close = useCallback(() => setView(null), []);
  // The tray's "review in Teacher Desk" on a stale class.
  useEffect(() => api.on('menuCommand', ({ command }) => command === 'queue' && setView('queue')), []);
  const entries = (t: Translate) => (
    <div className="command-group business-entries" role="group" aria-label={t('queue.title')}>
      <button type="button" className="button" onClick={() => setView('queue')} aria-haspopup="dialog" data-testid="open-queue">
        {t('queue.title')}
      </button>
      <button type="button" className="button" onClick={() => setView('earnings')} aria-haspopup="dialog" data-testid="open-earnings">
        {t('earnings.open')}
      </button>
      <button type="button" className="button" onClick={() => setView('students')} aria-haspopup="dialog" data-testid="open-students">
        {t('students.open')}
      </button>
    </div>
  );
  return { view, open: setView, close, entries };
}

export interface BusinessViewsProps {
  view: BusinessView | null;
  t: Translate;
  locale: Locale;
  timeZone: string;
  today: string;
  staleRules: StaleRules;
  offline: boolean;
  /** Main's outbox: the queue shows each class's waiting actions. */
  outbox: OutboxState;
  onChanged(b: Booking): void;
  onShowBooking(b: Booking): void;
  onToast(text: string): void;
  onClose(): void;
}

export function BusinessViews({ view, t, locale, timeZone, today, staleRules, offline, outbox, onChanged, onShowBooking, onToast, onClose }: BusinessViewsProps) {
  if (view === 'queue') return <ToConfirmDialog t={t} locale={locale} timeZone={timeZone} staleRules={staleRules} offline={offline} outbox={outbox} onChanged={onChanged} onClose={onClose} />;
  if (view === 'earnings')
    return (
      <Suspense fallback={null}>
        <EarningsDialog t={t} locale={locale} today={today} onToast={onToast} onClose={onClose} />
      </Suspense>
    );
  if (view === 'students') return <StudentsDialog t={t} locale={locale} timeZone={timeZone} onShowBooking={onShowBooking} onToast={onToast} onClose={onClose} />;
  return null;
}
