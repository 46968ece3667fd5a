import type { Locale } from '../../shared/settings';

/**
 * Every word the UI shows, in Spanish and English. Spanish is the source of
 * the keys; English must have exactly the same ones (the type checks it).
 * Placeholders are written {name} and filled by `translate`.
 */
const es = {
  'app.title': 'Teacher Desk',
  'app.loading': 'Cargando tu semana…',
  'app.zoneLabel': 'Zona horaria',

  'week.region': 'Semana de clases',
  'week.label': 'Semana del {range}',
  'week.previous': 'Semana anterior',
  'week.next': 'Semana siguiente',
  'week.today': 'Hoy',
  'week.todayLong': 'Ir a la semana actual',
  'week.announce': 'Semana del {range}. {count}.',
  'week.classCount.zero': 'Sin clases',
  'week.classCount.one': '1 clase',
  'week.classCount.other': '{n} clases',
  'week.pendingCount': '{n} por confirmar',
  'week.dayLabel': '{day}: {count}',
  'week.busy': 'Ocupado',
  'week.busyLong': 'Ocupado (otro evento del calendario), {time}',
  'week.continuesFromPrevious': 'viene del día anterior',
  'week.continuesToNext': 'sigue al día siguiente',
  'week.loadFailed': 'No se pudo cargar la semana.',
  'week.shortcuts': 'Atajos: ← → semanas · T hoy · ↑ ↓ clases · Enter detalles · C copiar enlace de Meet',

  'status.pending': 'Pendiente',
  'status.scheduled': 'Programada',
  'status.completed': 'Completada',
  'status.cancelled': 'Cancelada',

  'details.region': 'Detalles de la clase',
  'details.none': 'Elegí una clase para ver sus detalles.',
  'details.noneHint': 'Usá las flechas ↑ ↓ o hacé clic en una clase.',
  'details.close': 'Cerrar detalles',
  'details.student': 'Alumno',
  'details.time': 'Horario',
  'details.type': 'Tipo de clase',
  'details.participants': 'Participantes',
  'details.participantsCount': '{current} de {max}',
  'details.focus': 'Enfoque',
  'details.noFocus': 'Sin indicar',
  'details.price': 'Precio',
  'details.accessCode': 'Código de acceso',
  'details.status': 'Estado',
  'details.meet': 'Enlace de Meet',
  'details.calendar': 'Evento del calendario',
  'details.noMeet': 'Todavía no tiene enlace de Meet (se crea al confirmar).',
  'details.noCalendar': 'Todavía no está en el calendario.',
  'details.none.value': '—',
  'details.crossesMidnight': 'Termina al día siguiente.',
  'classType.individual': 'Individual',
  'classType.grupal': 'Grupal',

  'action.confirm': 'Confirmar y crear enlace de Meet',
  'action.copyMeet': 'Copiar enlace de Meet',
  'action.openMeet': 'Abrir Meet',
  'action.openCalendar': 'Abrir el evento',
  'action.reschedule': 'Reprogramar',
  'action.cancel': 'Cancelar la clase',
  'action.complete': 'Marcar como completada',
  'action.tryAgain': 'Reintentar',
  'action.back': 'Volver',
  'action.dismiss': 'Cerrar',
  'action.needsGoogle': 'Necesita conexión con Google Calendar. Copiar el enlace y ver los detalles siguen funcionando.',
  'action.busy': 'Esperá a que termine la acción en curso.',
  'actions.label': 'Acciones',

  'copy.done': 'Enlace de Meet copiado',
  'copy.noLink': 'Esta clase todavía no tiene enlace de Meet.',
  'copy.noSelection': 'Elegí una clase primero.',

  'confirm.checking': 'Revisando tu calendario…',
  'confirm.overlapsTitle': 'Tenés otros eventos a esa hora',
  'confirm.overlapsHint': 'Podés confirmar igual o volver y reprogramar.',
  'confirm.anyway': 'Confirmar igual',
  'confirm.emailStudent': 'Enviar la invitación por e-mail al alumno',
  'confirm.progress': 'Confirmando la clase',
  'confirm.step.checking': 'Revisando el calendario',
  'confirm.step.creating': 'Creando el evento',
  'confirm.step.waiting-for-meet': 'Esperando el enlace de Meet',
  'confirm.step.waiting-for-meet.attempt': 'Esperando el enlace de Meet (intento {n})',
  'confirm.step.saving': 'Guardando',
  'confirm.step.done': 'Listo',
  'confirm.done': 'Clase confirmada. Este es su enlace de Meet:',

  'reschedule.title': 'Reprogramar la clase',
  'reschedule.date': 'Fecha',
  'reschedule.start': 'Hora de inicio',
  'reschedule.duration': 'Duración',
  'reschedule.minutes': '{n} min',
  'reschedule.zoneNote': 'Horario de {zone}.',
  'reschedule.emailStudent': 'Avisar al alumno por e-mail',
  'reschedule.save': 'Guardar el nuevo horario',
  'reschedule.invalid': 'Completá la fecha y la hora.',
  'reschedule.nonexistent': 'Esa hora no existe ese día (cambio de horario). Elegí otra.',
  'reschedule.done': 'Clase reprogramada.',

  'cancel.title': '¿Cancelar esta clase?',
  'cancel.body': 'Se borra el evento del calendario. No se puede deshacer.',
  'cancel.emailStudent': 'Avisar al alumno por e-mail',
  'cancel.yes': 'Sí, cancelar la clase',
  'cancel.no': 'No, mantenerla',
  'cancel.done': 'Clase cancelada.',
  'complete.done': 'Clase marcada como completada.',

  'sync.syncing': 'Sincronizando…',
  'sync.last': 'Última sincronización: {time}',
  'sync.never': 'Todavía no se sincronizó',
  'sync.unavailable': 'Sincronización no disponible todavía',
  'sync.now': 'Sincronizar ahora',
  'sync.error': 'La última sincronización falló',
  'sync.signedOut': 'Google Calendar sin conectar',

  'offline.banner': 'Sin conexión — última sincronización {time}',
  'offline.bannerNever': 'Sin conexión — todavía no se sincronizó',
  'offline.hint': 'Podés ver tus clases y copiar los enlaces de Meet. Confirmar, reprogramar y cancelar vuelven con la conexión.',

  'settings.open': 'Preferencias',
  'settings.title': 'Preferencias',
  'settings.language': 'Idioma',
  'settings.weekStart': 'La semana empieza el',
  'settings.monday': 'lunes',
  'settings.sunday': 'domingo',
  'settings.hours': 'Horario de trabajo',
  'settings.hoursFrom': 'Desde',
  'settings.hoursTo': 'Hasta',
  'settings.hoursNote': 'Las clases fuera de este horario amplían la vista.',

  'error.NOT_CONFIGURED': 'Google Calendar todavía no está configurado en Teacher Desk.',
  'error.NOT_CONFIGURED.hint': 'Configurá y conectá Google Calendar desde tu cuenta. Mientras tanto podés ver tus clases y copiar los enlaces.',
  'error.NOT_SIGNED_IN': 'Google Calendar no está conectado.',
  'error.NOT_SIGNED_IN.hint': 'Reconectá Google Calendar desde tu cuenta y volvé a intentar.',
  'error.NEEDS_RECONNECT': 'Google pidió volver a conectar la cuenta.',
  'error.NEEDS_RECONNECT.hint': 'Reconectá Google Calendar desde tu cuenta y volvé a intentar.',
  'error.OFFLINE': 'No hay conexión a internet.',
  'error.OFFLINE.hint': 'Revisá la conexión; Teacher Desk sincroniza solo cuando vuelve.',
  'error.RATE_LIMITED': 'Google recibió demasiados pedidos seguidos.',
  'error.RATE_LIMITED.hint': 'Probá de nuevo en un minuto.',
  'error.TIMEOUT': 'Google tardó demasiado en responder.',
  'error.TIMEOUT.hint': 'Probá de nuevo en un momento.',
  'error.CONFLICT': 'La clase cambió mientras tanto.',
  'error.CONFLICT.hint': 'Revisá los datos actualizados y volvé a intentar.',
  'error.NOT_FOUND': 'Esa clase ya no está en Teacher Desk.',
  'error.NOT_FOUND.hint': 'La semana se actualizó.',
  'error.TRANSITION_REFUSED': 'Esa acción no corresponde al estado de la clase.',
  'error.TRANSITION_REFUSED.hint': 'La semana se actualizó; revisá el estado.',
  'error.KEYCHAIN_UNAVAILABLE': 'No se pudo usar el llavero del sistema.',
  'error.KEYCHAIN_UNAVAILABLE.hint': 'Desbloqueá el llavero del sistema y volvé a intentar.',
  'error.GOOGLE_ERROR': 'Google Calendar respondió con un error.',
  'error.GOOGLE_ERROR.hint': 'Probá de nuevo en unos minutos.',
  'error.generic.hint': 'Si sigue pasando, reiniciá Teacher Desk.',
  'error.details': 'Detalle: {message}',
} as const;

export type MessageKey = keyof typeof es;

const en: Record<MessageKey, string> = {
  'app.title': 'Teacher Desk',
  'app.loading': 'Loading your week…',
  'app.zoneLabel': 'Time zone',

  'week.region': 'Week of classes',
  'week.label': 'Week of {range}',
  'week.previous': 'Previous week',
  'week.next': 'Next week',
  'week.today': 'Today',
  'week.todayLong': 'Go to this week',
  'week.announce': 'Week of {range}. {count}.',
  'week.classCount.zero': 'No classes',
  'week.classCount.one': '1 class',
  'week.classCount.other': '{n} classes',
  'week.pendingCount': '{n} to confirm',
  'week.dayLabel': '{day}: {count}',
  'week.busy': 'Busy',
  'week.busyLong': 'Busy (another calendar event), {time}',
  'week.continuesFromPrevious': 'continues from the day before',
  'week.continuesToNext': 'continues the next day',
  'week.loadFailed': 'The week could not be loaded.',
  'week.shortcuts': 'Shortcuts: ← → weeks · T today · ↑ ↓ classes · Enter details · C copy Meet link',

  'status.pending': 'Pending',
  'status.scheduled': 'Scheduled',
  'status.completed': 'Completed',
  'status.cancelled': 'Cancelled',

  'details.region': 'Class details',
  'details.none': 'Choose a class to see its details.',
  'details.noneHint': 'Use the ↑ ↓ arrows or click a class.',
  'details.close': 'Close details',
  'details.student': 'Student',
  'details.time': 'Time',
  'details.type': 'Class type',
  'details.participants': 'Participants',
  'details.participantsCount': '{current} of {max}',
  'details.focus': 'Learning focus',
  'details.noFocus': 'Not given',
  'details.price': 'Price',
  'details.accessCode': 'Access code',
  'details.status': 'Status',
  'details.meet': 'Meet link',
  'details.calendar': 'Calendar event',
  'details.noMeet': 'No Meet link yet (it is created when you confirm).',
  'details.noCalendar': 'Not on the calendar yet.',
  'details.none.value': '—',
  'details.crossesMidnight': 'Ends the next day.',
  'classType.individual': 'Individual',
  'classType.grupal': 'Group',

  'action.confirm': 'Confirm and create Meet link',
  'action.copyMeet': 'Copy Meet link',
  'action.openMeet': 'Open Meet',
  'action.openCalendar': 'Open the event',
  'action.reschedule': 'Reschedule',
  'action.cancel': 'Cancel class',
  'action.complete': 'Mark completed',
  'action.tryAgain': 'Try again',
  'action.back': 'Back',
  'action.dismiss': 'Dismiss',
  'action.needsGoogle': 'Needs a connection to Google Calendar. Copying the link and viewing details still work.',
  'action.busy': 'Wait for the current action to finish.',
  'actions.label': 'Actions',

  'copy.done': 'Meet link copied',
  'copy.noLink': 'This class has no Meet link yet.',
  'copy.noSelection': 'Choose a class first.',

  'confirm.checking': 'Checking your calendar…',
  'confirm.overlapsTitle': 'You have other events at that time',
  'confirm.overlapsHint': 'You can confirm anyway, or go back and reschedule.',
  'confirm.anyway': 'Confirm anyway',
  'confirm.emailStudent': 'E-mail the invitation to the student',
  'confirm.progress': 'Confirming the class',
  'confirm.step.checking': 'Checking the calendar',
  'confirm.step.creating': 'Creating the event',
  'confirm.step.waiting-for-meet': 'Waiting for the Meet link',
  'confirm.step.waiting-for-meet.attempt': 'Waiting for the Meet link (attempt {n})',
  'confirm.step.saving': 'Saving',
  'confirm.step.done': 'Done',
  'confirm.done': 'Class confirmed. Here is its Meet link:',

  'reschedule.title': 'Reschedule the class',
  'reschedule.date': 'Date',
  'reschedule.start': 'Start time',
  'reschedule.duration': 'Duration',
  'reschedule.minutes': '{n} min',
  'reschedule.zoneNote': 'Times in {zone}.',
  'reschedule.emailStudent': 'E-mail the student',
  'reschedule.save': 'Save the new time',
  'reschedule.invalid': 'Fill in the date and the time.',
  'reschedule.nonexistent': 'That time does not exist on that day (the clocks change). Choose another.',
  'reschedule.done': 'Class rescheduled.',

  'cancel.title': 'Cancel this class?',
  'cancel.body': 'The calendar event is removed. This cannot be undone.',
  'cancel.emailStudent': 'E-mail the student',
  'cancel.yes': 'Yes, cancel the class',
  'cancel.no': 'No, keep it',
  'cancel.done': 'Class cancelled.',
  'complete.done': 'Class marked completed.',

  'sync.syncing': 'Syncing…',
  'sync.last': 'Last synced {time}',
  'sync.never': 'Not synced yet',
  'sync.unavailable': 'Sync not available yet',
  'sync.now': 'Sync now',
  'sync.error': 'The last sync failed',
  'sync.signedOut': 'Google Calendar not connected',

  'offline.banner': 'Offline — last synced {time}',
  'offline.bannerNever': 'Offline — not synced yet',
  'offline.hint': 'You can view your classes and copy Meet links. Confirming, rescheduling and cancelling come back with the connection.',

  'settings.open': 'Preferences',
  'settings.title': 'Preferences',
  'settings.language': 'Language',
  'settings.weekStart': 'Week starts on',
  'settings.monday': 'Monday',
  'settings.sunday': 'Sunday',
  'settings.hours': 'Working hours',
  'settings.hoursFrom': 'From',
  'settings.hoursTo': 'To',
  'settings.hoursNote': 'Classes outside these hours widen the view.',

  'error.NOT_CONFIGURED': 'Google Calendar is not set up in Teacher Desk yet.',
  'error.NOT_CONFIGURED.hint': 'Set up and connect Google Calendar from your account. Meanwhile you can view your classes and copy their links.',
  'error.NOT_SIGNED_IN': 'Google Calendar is not connected.',
  'error.NOT_SIGNED_IN.hint': 'Reconnect Google Calendar from your account, then try again.',
  'error.NEEDS_RECONNECT': 'Google asked to connect the account again.',
  'error.NEEDS_RECONNECT.hint': 'Reconnect Google Calendar from your account, then try again.',
  'error.OFFLINE': 'There is no internet connection.',
  'error.OFFLINE.hint': 'Check the connection; Teacher Desk syncs on its own when it is back.',
  'error.RATE_LIMITED': 'Google received too many requests in a row.',
  'error.RATE_LIMITED.hint': 'Try again in a minute.',
  'error.TIMEOUT': 'Google took too long to answer.',
  'error.TIMEOUT.hint': 'Try again in a moment.',
  'error.CONFLICT': 'The class changed in the meantime.',
  'error.CONFLICT.hint': 'Check the updated details and try again.',
  'error.NOT_FOUND': 'That class is no longer in Teacher Desk.',
  'error.NOT_FOUND.hint': 'The week has been refreshed.',
  'error.TRANSITION_REFUSED': 'That action does not fit the class’s status.',
  'error.TRANSITION_REFUSED.hint': 'The week has been refreshed; check the status.',
  'error.KEYCHAIN_UNAVAILABLE': 'The system keychain could not be used.',
  'error.KEYCHAIN_UNAVAILABLE.hint': 'Unlock the system keychain, then try again.',
  'error.GOOGLE_ERROR': 'Google Calendar answered with an error.',
  'error.GOOGLE_ERROR.hint': 'Try again in a few minutes.',
  'error.generic.hint': 'If it keeps happening, restart Teacher Desk.',
  'error.details': 'Details: {message}',
};

/** Both dictionaries (read-only; exported for the completeness test). */
export const dictionaries: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { es, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = dictionaries[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** "No classes" / "1 class" / "5 classes". */
export function classCount(t: Translate, n: number): string {
  if (n === 0) return t('week.classCount.zero');
  if (n === 1) return t('week.classCount.one');
  return t('week.classCount.other', { n });
}

/** The language names, each written in its own language. */
export const LANGUAGE_NAMES: Record<Locale, string> = { es: 'Español', en: 'English' };

export function hasKey(key: string): key is MessageKey {
  return key in es;
}

/** The UI languages (the same as shared/settings LOCALES, without pulling zod into the page). */
export const LOCALES: readonly Locale[] = ['es', 'en'];
