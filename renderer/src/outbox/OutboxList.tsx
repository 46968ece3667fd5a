import type { Booking } from '../../../shared/booking';
import type { Locale } from '../../../shared/settings';
import type { OutboxState } from '../hooks/useOutbox';
import type { Translate } from '../i18n';
import { WaitingAction } from './WaitingAction';

/** Every action waiting for Google Calendar, in the order they will be sent; each can be withdrawn. */
export function OutboxList({ outbox, bookings, timeZone, locale, t }: { outbox: OutboxState; bookings: ReadonlyMap<string, Booking>; timeZone: string; locale: Locale; t: Translate }) {
  if (outbox.actions.length === 0) return null;
  const stopped = outbox.actions.filter((a) => a.state === 'conflict').length;
  return (
    <details className="banner outbox" data-testid="outbox-list" open={stopped > 0 || undefined}>
      <summary>
        {outbox.actions.length === 1 ? t('outbox.count.one') : t('outbox.count.other', { n: outbox.actions.length })}
        {stopped > 0 ? <strong> · {t('outbox.count.stopped', { n: stopped })}</strong> : null}
      </summary>
      <ol className="outbox-items">
        {outbox.actions.map((action) => (
          <li key={action.id}>
            <WaitingAction action={action} timeZone={timeZone} locale={locale} t={t} withdraw={outbox.withdraw} sendAnyway={outbox.sendAnyway} title={bookings.get(action.bookingId)?.bookedBy.name ?? t('outbox.otherWeek')} />
          </li>
        ))}
      </ol>
    </details>
  );
}
