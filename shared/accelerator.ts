import { z } from 'zod';

/** Electron accelerators a teacher may choose for the global "copy next Meet link" shortcut. */

const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'volumeup', 'volumedown', 'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);
const PUNCTUATION = ')!@#$%^&*(:;=<,_->.?/~`{}[]|\\"\'';

function isKey(part: string): boolean {
  const lower = part.toLowerCase();
  if (/^[a-z0-9]$/i.test(part)) return true;
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(lower)) return true;
  if (/^num[0-9]$/.test(lower)) return true;
  if (part.length === 1 && PUNCTUATION.includes(part)) return true;
  return NAMED_KEYS.has(lower);
}

/**
 * Whether a string is an Electron accelerator fit for a *global* shortcut:
 * modifiers joined by "+", then exactly one key, and at least one modifier
 * other than Shift (or a function key), so it cannot swallow plain typing
 * in every other app.
 */
export function isValidGlobalAccelerator(value: string): boolean {
  if (value.length === 0 || value.length > 100 || value.trim() !== value) return false;
  const parts = value.split('+');
  // "CmdOrCtrl+Plus" is how "+" is written; a literal "+" key would leave an empty part.
  if (parts.some((part) => part.length === 0)) return false;
  const key = parts.at(-1)!;
  const modifiers = parts.slice(0, -1).map((part) => part.toLowerCase());
  if (!isKey(key) || MODIFIERS.has(key.toLowerCase())) return false;
  if (modifiers.some((modifier) => !MODIFIERS.has(modifier))) return false;
  if (new Set(modifiers).size !== modifiers.length) return false;
  const isFunctionKey = /^f([1-9]|1[0-9]|2[0-4])$/i.test(key);
  return isFunctionKey || modifiers.some((modifier) => modifier !== 'shift');
}

export const DEFAULT_REMINDER_MINUTES = 10;

export const ReminderMinutesSchema = z.number().int().min(0, 'reminder minutes cannot be negative').max(120, 'reminders come at most 120 minutes before a class');
export const NextClassShortcutSchema = z
  .string()
  .refine(isValidGlobalAccelerator, 'not a shortcut Teacher Desk can register (for example CmdOrCtrl+Shift+M)')
  .nullable();
