import type { EventPayload, ImportPreview } from '../../../shared/ipc/contract';
import type { MessageKey, Translate } from '../i18n';

/**
 * What the import dialog shows of a preview, pure: a file of 50,000 rows
 * may have 50,000 invalid rows or notes, and the page renders only a
 * readable first part of them with a count of the rest.
 */

/** Invalid rows listed; the rest are counted. */
export const INVALID_SHOWN = 200;
/** Notes listed per kind; the rest are counted. */
export const NOTES_SHOWN_PER_KIND = 50;

export type ImportProgress = EventPayload<'importProgress'>;
type Counts = ImportPreview['counts'];

/** Rows the commit would write: the new and the updated ones. */
export function importableCount(counts: Counts): number {
  return counts.new + counts.updated;
}

/** Why there is nothing to import, or null when there is something. */
export function nothingToImport(counts: Counts, paymentsToKeep = 0): 'unchanged' | 'no-valid-rows' | null {
  if (importableCount(counts) > 0 || paymentsToKeep > 0) return null;
  return counts.unchanged > 0 ? 'unchanged' : 'no-valid-rows';
}

/** Main's reasons start with where the row is ("line 3: …"); the dialog shows the line on its own. */
export function withoutWhere(text: string): string {
  return text.replace(/^(?:line \d+|item \d+[^:]*):\s*/, '');
}

export interface ShownList<T> {
  shown: T[];
  /** How many more there are than shown. */
  more: number;
}

export function firstOf<T>(items: readonly T[], total: number, limit: number): ShownList<T> {
  const shown = items.slice(0, limit);
  return { shown, more: Math.max(0, total - shown.length) };
}

/** The kinds of note main writes (main/import/row-notes.ts), each with its heading; others go under "other". */
export const NOTE_KINDS = [
  'unpaid',
  'no-payment',
  'payment-without-booking',
  'payment-kept',
  'pending-with-event',
  'cancelled-with-event',
  'kept-desk-status',
  'kept-desk-time',
  'kept-desk-event',
  'platform-hours',
  'price',
  'access-code',
  'meet-link',
  'truncated',
] as const;
export type KnownNoteKind = (typeof NOTE_KINDS)[number];

export interface NoteGroup {
  kind: KnownNoteKind | 'other';
  total: number;
  shown: { line: number; message: string }[];
}

/** Notes grouped by kind, in NOTE_KINDS order (unknown kinds last), each with its first `limit` notes. */
export function groupNotes(notes: ImportPreview['notes'], limit = NOTES_SHOWN_PER_KIND): NoteGroup[] {
  const groups = new Map<NoteGroup['kind'], NoteGroup>();
  for (const note of notes) {
    const kind = (NOTE_KINDS as readonly string[]).includes(note.kind) ? (note.kind as KnownNoteKind) : 'other';
    let group = groups.get(kind);
    if (!group) {
      group = { kind, total: 0, shown: [] };
      groups.set(kind, group);
    }
    group.total += 1;
    if (group.shown.length < limit) group.shown.push({ line: note.line, message: withoutWhere(note.message) });
  }
  const order = [...NOTE_KINDS, 'other'] as const;
  return [...groups.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

export const NOTE_HEADINGS: Record<NoteGroup['kind'], MessageKey> = {
  unpaid: 'inout.import.note.unpaid',
  'no-payment': 'inout.import.note.no-payment',
  'payment-without-booking': 'inout.import.note.payment-without-booking',
  'payment-kept': 'inout.import.note.payment-kept',
  'pending-with-event': 'inout.import.note.pending-with-event',
  'cancelled-with-event': 'inout.import.note.cancelled-with-event',
  'kept-desk-status': 'inout.import.note.kept-desk-status',
  'kept-desk-time': 'inout.import.note.kept-desk-time',
  'kept-desk-event': 'inout.import.note.kept-desk-event',
  'platform-hours': 'inout.import.note.platform-hours',
  price: 'inout.import.note.price',
  'access-code': 'inout.import.note.access-code',
  'meet-link': 'inout.import.note.meet-link',
  truncated: 'inout.import.note.truncated',
  other: 'inout.import.note.other',
};

/** 0 to 100, or null when the total is not known yet. */
export function progressPercent(progress: ImportProgress | null): number | null {
  if (!progress || progress.total <= 0) return null;
  return Math.max(0, Math.min(100, Math.round((progress.done / progress.total) * 100)));
}

/** "3 creadas, 1 actualizada" / "3 created, 1 updated". */
export function importResultText(t: Translate, result: { created: number; updated: number }): string {
  const created = result.created === 1 ? t('inout.import.created.one') : t('inout.import.created.other', { n: result.created });
  const updated = result.updated === 1 ? t('inout.import.updated.one') : t('inout.import.updated.other', { n: result.updated });
  return `${created}, ${updated}`;
}

/** The commit button: "Importar 4 clases válidas". */
export function commitLabel(t: Translate, n: number, paymentsToKeep = 0): string {
  // A payments file whose classes are not in the desk yet: the commit keeps the payments for when they come.
  if (n === 0 && paymentsToKeep > 0) return paymentsToKeep === 1 ? t('inout.import.commit.payments.one') : t('inout.import.commit.payments', { n: paymentsToKeep });
  return n === 1 ? t('inout.import.commit.one') : t('inout.import.commit.other', { n });
}

/** The largest file the contract accepts (shared/ipc/contract.ts, previewImport); bigger ones are refused before reading. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
