/**
 * The words of the business views (payment, the To-confirm queue, stale
 * classes, earnings, students), in Spanish and English; spread into the
 * app's dictionaries (renderer/src/i18n.ts), which the completeness test checks.
 */
export const businessEs = {
  'inout.import.note.no-payment': 'Sin pago conocido',
  'inout.import.note.payment-without-booking': 'Pagos sin clase (se guardan)',
  'inout.import.note.payment-kept': 'Se mantuvo el pago',

  'payment.label': 'Pago',
  'payment.paid': 'Pagada',
  'payment.waiting': 'Pago pendiente',
  'payment.rejected': 'Pago rechazado',
  'payment.unknown': 'Pago desconocido',
  'payment.byTeacher': 'marcado por vos',
  'payment.markPaid': 'Marcar pagada',
  'payment.markUnpaid': 'Marcar sin pagar',
  'payment.marked': 'Pago guardado.',
} as const;

export const businessEn: Record<keyof typeof businessEs, string> = {
  'inout.import.note.no-payment': 'No payment known',
  'inout.import.note.payment-without-booking': 'Payments without a class (kept)',
  'inout.import.note.payment-kept': 'Payment kept',

  'payment.label': 'Payment',
  'payment.paid': 'Paid',
  'payment.waiting': 'Payment waiting',
  'payment.rejected': 'Payment rejected',
  'payment.unknown': 'Payment unknown',
  'payment.byTeacher': 'marked by you',
  'payment.markPaid': 'Mark paid',
  'payment.markUnpaid': 'Mark unpaid',
  'payment.marked': 'Payment saved.',
};
