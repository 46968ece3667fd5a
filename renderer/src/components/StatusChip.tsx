import type { BookingStatus } from '../../../shared/booking';
import type { Translate } from '../i18n';
import { STATUS_LABEL } from '../status';

/** Colour, icon and word for a status: never colour alone. */
export function StatusChip({ status, t, compact = false }: { status: BookingStatus; t: Translate; compact?: boolean }) {
  return (
    <span className={`chip chip-${status}${compact ? ' chip-compact' : ''}`} data-status={status}>
      <span className="chip-icon" aria-hidden="true" />
      <span className={compact ? 'sr-only' : 'chip-label'}>{t(STATUS_LABEL[status])}</span>
    </span>
  );
}
