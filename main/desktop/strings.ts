import type { Locale } from '../../shared/settings';

/** The desktop layer's few words (tray, menu, notifications) in the app's two languages. */
export interface DesktopStrings {
  appName: string;
  nextClass: string;
  noMoreClassesToday: string;
  now: string;
  copyMeetLink: string;
  join: string;
  noMeetLink: string;
  openApp: string;
  quit: string;
  file: string;
  import: string;
  export: string;
  syncNow: string;
  settings: string;
  view: string;
  reminderTitle: (time: string, student: string) => string;
  reminderBody: (minutesUntilStart: number, hasMeetLink: boolean) => string;
  copiedTitle: string;
  copiedBody: (time: string, student: string) => string;
  nothingToCopy: string;
  /** The tray's section of stale unpaid classes. */
  unpaidHeader: string;
  staleReason: (reason: 'payment-waiting-too-long' | 'starts-soon-unpaid') => string;
  markPaid: string;
  reviewInQueue: string;
}

const es: DesktopStrings = {
  appName: 'Teacher Desk',
  nextClass: 'Próxima clase',
  noMoreClassesToday: 'No hay más clases hoy',
  now: 'ahora',
  copyMeetLink: 'Copiar enlace de Meet',
  join: 'Unirse',
  noMeetLink: 'Sin enlace de Meet todavía',
  openApp: 'Abrir Teacher Desk',
  quit: 'Salir',
  file: 'Archivo',
  import: 'Importar…',
  export: 'Exportar…',
  syncNow: 'Sincronizar ahora',
  settings: 'Ajustes…',
  view: 'Ver',
  reminderTitle: (time, student) => `Clase con ${student} a las ${time}`,
  reminderBody: (minutes, hasLink) =>
    `${minutes > 0 ? `Empieza en ${minutes} min.` : minutes === 0 ? 'Empieza ahora.' : `Empezó hace ${-minutes} min.`} ${hasLink ? 'Haz clic para unirte a Meet.' : 'Todavía no tiene enlace de Meet.'}`,
  copiedTitle: 'Enlace de Meet copiado',
  copiedBody: (time, student) => `${time} · ${student}`,
  nothingToCopy: 'No hay una próxima clase con enlace de Meet hoy.',
  unpaidHeader: 'Sin pago, por confirmar',
  staleReason: (reason) => (reason === 'starts-soon-unpaid' ? 'empieza pronto sin pago' : 'pago esperando hace mucho'),
  markPaid: 'Marcar pagada',
  reviewInQueue: 'Revisar o cancelar en Teacher Desk…',
};

const en: DesktopStrings = {
  appName: 'Teacher Desk',
  nextClass: 'Next class',
  noMoreClassesToday: 'No more classes today',
  now: 'now',
  copyMeetLink: 'Copy Meet link',
  join: 'Join',
  noMeetLink: 'No Meet link yet',
  openApp: 'Open Teacher Desk',
  quit: 'Quit',
  file: 'File',
  import: 'Import…',
  export: 'Export…',
  syncNow: 'Sync now',
  settings: 'Settings…',
  view: 'View',
  reminderTitle: (time, student) => `Class with ${student} at ${time}`,
  reminderBody: (minutes, hasLink) =>
    `${minutes > 0 ? `Starts in ${minutes} min.` : minutes === 0 ? 'Starts now.' : `Started ${-minutes} min ago.`} ${hasLink ? 'Click to join on Meet.' : 'It has no Meet link yet.'}`,
  copiedTitle: 'Meet link copied',
  copiedBody: (time, student) => `${time} · ${student}`,
  nothingToCopy: 'There is no next class with a Meet link today.',
  unpaidHeader: 'Unpaid, to confirm',
  staleReason: (reason) => (reason === 'starts-soon-unpaid' ? 'starts soon, unpaid' : 'payment waiting too long'),
  markPaid: 'Mark paid',
  reviewInQueue: 'Review or cancel in Teacher Desk…',
};

export function desktopStrings(locale: Locale | string | undefined): DesktopStrings {
  return locale === 'en' ? en : es;
}
