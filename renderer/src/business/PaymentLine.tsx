import { useState } from 'react';
import type { Booking } from '../../../shared/booking';
import type { IpcError } from '../../../shared/ipc/errors';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { formatPrice } from '../format';
import type { MessageKey, Translate } from '../i18n';

const STATE_KEY: Record<NonNullable<Booking['payment']>['state'] | 'unknown', MessageKey> = {
  paid: 'payment.paid',
  waiting: 'payment.waiting',
  rejected: 'payment.rejected',
  unknown: 'payment.unknown',
};

/** "Pagada · $ 15.000 · marcado por vos": the payment as the teacher reads it. */
export function paymentText(booking: Booking, t: Translate, locale: Locale): string {
  const p = booking.payment;
  const parts = [t(STATE_KEY[p?.state ?? 'unknown'])];
  if (p?.amount != null) parts.push(formatPrice(p.amount, locale));
  if (p?.source === 'manual') parts.push(t('payment.byTeacher'));
  return parts.join(' · ');
}

export function PaymentBadge({ booking, t, locale }: { booking: Booking; t: Translate; locale: Locale }) {
  return (
    <span className={`payment-badge payment-${booking.payment?.state ?? 'unknown'}`} data-testid="payment-state" data-state={booking.payment?.state ?? 'unknown'}>
      {paymentText(booking, t, locale)}
    </span>
  );
}

/** Marks the class paid by the teacher (cash, transfer), or takes the teacher's mark back. */
export function useSetPayment(onChanged: (b: Booking) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const set = async (booking: Booking, paid: boolean) => {
    setBusy(true);
    setError(null);
    const reply = await api.setPayment({ id: booking.id, payment: paid ? { state: 'paid', amount: booking.payment?.amount ?? booking.classPrice } : null });
    setBusy(false);
    if (reply.ok) onChanged(reply.value);
    else setError(reply.error);
    return reply.ok;
  };
  return { busy, error, clearError: () => setError(null), set };
}

/** The details panel's payment line, with "Mark paid" (or "Mark unpaid" for the teacher's own mark). */
export function PaymentLine({ booking, t, locale, onChanged }: { booking: Booking; t: Translate; locale: Locale; onChanged(b: Booking): void }) {
  const payment = useSetPayment(onChanged);
  const paid = booking.payment?.state === 'paid';
  const canUnmark = paid && booking.payment?.source === 'manual';
  return (
    <>
      <PaymentBadge booking={booking} t={t} locale={locale} />
      {!paid || canUnmark ? (
        <button type="button" className="link-button payment-action" disabled={payment.busy} onClick={() => void payment.set(booking, !paid)} data-testid={paid ? 'action-mark-unpaid' : 'action-mark-paid'}>
          {t(paid ? 'payment.markUnpaid' : 'payment.markPaid')}
        </button>
      ) : null}
      {payment.error ? <ErrorBox error={payment.error} t={t} onDismiss={payment.clearError} /> : null}
    </>
  );
}
