/** Lower case without accents: "José Pérez" and "jose perez" fold to the same text. */
export function foldText(text: string): string {
  // Fast path: plain ASCII needs no normalization.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** An access code or preferenceId as typed: no case, no spaces or dashes. */
export function compactCode(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}
