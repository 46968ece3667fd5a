/** What the preview says about a row it imports with a caveat; the UI can group them by kind. */
export type NoteKind =
  | 'unpaid'
  | 'pending-with-event'
  | 'access-code'
  | 'meet-link'
  | 'platform-hours'
  | 'truncated'
  | 'price'
  | 'kept-desk-status'
  | 'kept-desk-time'
  | 'kept-desk-event'
  | 'cancelled-with-event'
  | 'no-payment'
  | 'payment-without-booking'
  | 'payment-kept';

export interface RowNote {
  kind: NoteKind;
  message: string;
}
