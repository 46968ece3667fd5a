/**
 * The CSV columns: what the export writes, in order, and what the import
 * reads (the same names, plus the platform's own names from a
 * `mongoexport --type=csv`). Keeping both here is what makes the export
 * round-trip through the import.
 */

export const CSV_COLUMNS = [
  'id',
  'preferenceId',
  'platformId',
  'source',
  'status',
  'studentName',
  'studentEmail',
  'studentLevel',
  'studentTown',
  'studentPhone',
  'startTime',
  'endTime',
  'timeZone',
  'classType',
  'maxParticipants',
  'currentParticipants',
  'classPrice',
  'learningFocus',
  'hostType',
  'googleEventId',
  'accessCode',
  'meetLink',
  'calendarLink',
  'summary',
  'participants',
  'paymentState',
  'paymentAmount',
  'paymentAt',
  'paymentSource',
  'createdAt',
  'updatedAt',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Import-only names: the platform's field names and fields the desk reads but never writes. */
const ALIASES: Record<string, string> = {
  _id: 'platformId',
  htmlLink: 'meetLink',
};
const PLATFORM_ONLY = ['participantsIds', 'bookedById', 'description', 'activityStatus', '__v'] as const;

export const REQUIRED_COLUMNS = ['startTime', 'endTime', 'classType'] as const;

const byLowerName = new Map<string, string>();
for (const name of [...CSV_COLUMNS, ...PLATFORM_ONLY]) byLowerName.set(name.toLowerCase(), name);
for (const [alias, name] of Object.entries(ALIASES)) byLowerName.set(alias.toLowerCase(), name);

export type HeaderResult = { ok: true; names: string[] } | { ok: false; reason: string };

/** The canonical name of each header cell, or why the header is wrong (missing, unknown or repeated columns). */
export function resolveHeader(cells: readonly string[]): HeaderResult {
  const names: string[] = [];
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const cell of cells) {
    const raw = cell.trim();
    const name = byLowerName.get(raw.toLowerCase());
    if (!name) unknown.push(raw === '' ? '(an empty name)' : `"${raw}"`);
    else if (names.includes(name)) repeated.push(`"${raw}"`);
    names.push(name ?? raw);
  }
  const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));
  const problems: string[] = [];
  if (missing.length) problems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (unknown.length) problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  if (repeated.length) problems.push(`column${repeated.length > 1 ? 's' : ''} given twice: ${repeated.join(', ')}`);
  if (problems.length) return { ok: false, reason: `wrong columns: ${problems.join('; ')} (the columns are: ${CSV_COLUMNS.join(', ')})` };
  return { ok: true, names };
}

/** Whether a header row names at least one column the import knows: tells "CSV with wrong columns" from "not CSV at all". */
export function looksLikeHeader(cells: readonly string[]): boolean {
  return cells.some((cell) => byLowerName.has(cell.trim().toLowerCase()));
}

/**
 * OWASP's defence against CSV injection: a cell that starts with = + - @,
 * a tab or a carriage return is run as a formula by spreadsheets, so it is
 * written with a leading apostrophe, which makes the spreadsheet show the
 * text instead. Every column is guarded, ids included: a preferenceId or
 * event id comes from the platform and can hold anything. The desk's own
 * numbers, times and links never start with one of these (prices and
 * counts are never negative; times start with the year), so they are
 * written as they are.
 *
 * Text that already starts with apostrophes before one of them gets one
 * more, so unguardFormula, which takes exactly one off, gives back the
 * original text whatever it was.
 */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;

export function guardFormula(text: string): string {
  return NEEDS_GUARD.test(text) ? `'${text}` : text;
}

/** Undoes guardFormula on import (every column), so the desk's export imports back as the same text. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && NEEDS_GUARD.test(text.slice(1)) ? text.slice(1) : text;
}
