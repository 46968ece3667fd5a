import type { z } from 'zod';
import { describeIssues } from '../../shared/booking';
import type { Notice } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import { ClassDefaultsSchema, DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema, type Settings, type SettingsPatch } from '../../shared/settings';
import { silentLogger, type Logger } from '../logger';

/**
 * Where settings live. conf (plain Node) and electron-store 11 (in Electron)
 * both fit as they are; `notices` is for a backend that had to set a
 * corrupt file aside (see conf-backend.ts).
 */
export interface KeyValueBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly path?: string;
  readonly notices?: readonly Notice[];
}

export interface SettingsStore {
  /** Defaults merged with stored values; a stored value that fails the schema falls back to its default, with a notice. */
  get(): Settings;
  /** Validates the whole patch, then the merged result; throws AppError INVALID_REQUEST ("<field>: <reason>") changing nothing. */
  update(patch: SettingsPatch): Settings;
  readonly notices: Notice[];
}

type Key = keyof Settings;
const KEYS = Object.keys(SettingsSchema.shape) as Key[];
const CLASS_DEFAULT_KEYS = Object.keys(ClassDefaultsSchema.shape) as (keyof Settings['classDefaults'])[];

const withoutUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * `defaults` overrides some of DEFAULT_SETTINGS for this machine (the
 * language follows the system's until the teacher picks one).
 */
export function createSettingsStore(backend: KeyValueBackend, log: Logger = silentLogger, defaults: Partial<Settings> = {}): SettingsStore {
  const DEFAULTS: Settings = { ...DEFAULT_SETTINGS, ...defaults };
  const notices: Notice[] = [];
  const reported = new Set<string>();
  const where = backend.path ?? 'the settings';

  /** A hand-edited value the app cannot use: say so once, use the default. */
  function fallBack<T>(field: string, stored: unknown, fallback: T, error: z.ZodError): T {
    const shown = JSON.stringify(stored) ?? String(stored);
    if (!reported.has(`${field}=${shown}`)) {
      reported.add(`${field}=${shown}`);
      const message = `The setting "${field}" in ${where} holds ${shown}, which Teacher Desk cannot use (${describeIssues(error)}). The default, ${JSON.stringify(fallback)}, is used until you change it.`;
      notices.push({ kind: 'settings-damaged', message });
      log.warn('stored setting refused; using the default', { field, issues: describeIssues(error) });
    }
    return fallback;
  }

  function readClassDefaults(stored: unknown): Settings['classDefaults'] {
    const fallback = DEFAULTS.classDefaults;
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
      const error = ClassDefaultsSchema.safeParse(stored).error;
      return error ? fallBack('classDefaults', stored, { ...fallback }, error) : { ...fallback };
    }
    // Field by field, so one bad value does not throw away the good ones next to it.
    const out = { ...fallback };
    for (const key of CLASS_DEFAULT_KEYS) {
      const value = (stored as Record<string, unknown>)[key];
      if (value === undefined) continue;
      const result = ClassDefaultsSchema.shape[key].safeParse(value);
      if (result.success) Object.assign(out, { [key]: result.data });
      else fallBack(`classDefaults.${key}`, value, fallback[key], result.error);
    }
    return out;
  }

  function read(): Settings {
    const out: Record<string, unknown> = {};
    for (const key of KEYS) {
      const stored = backend.get(key);
      if (stored === undefined) out[key] = structuredClone(DEFAULTS[key]);
      else if (key === 'classDefaults') out[key] = readClassDefaults(stored);
      else {
        const result = SettingsSchema.shape[key].safeParse(stored);
        out[key] = result.success ? result.data : fallBack(key, stored, DEFAULTS[key], result.error);
      }
    }
    return out as Settings;
  }

  function refuse(error: z.ZodError): never {
    throw new AppError('INVALID_REQUEST', describeIssues(error));
  }

  function update(patch: SettingsPatch): Settings {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) refuse(parsed.error);
    const changes = withoutUndefined(parsed.data);
    const current = read();
    const merged = SettingsSchema.safeParse({
      ...current,
      ...changes,
      // Partial patches of a group merge over what is stored, field by field.
      classDefaults: { ...current.classDefaults, ...withoutUndefined(changes.classDefaults ?? {}) },
      staleRules: { ...current.staleRules, ...withoutUndefined(changes.staleRules ?? {}) },
    });
    if (!merged.success) refuse(merged.error);

    const keys = Object.keys(changes) as Key[];
    const before = new Map(keys.map((key) => [key, backend.get(key)]));
    const written: Key[] = [];
    try {
      for (const key of keys) {
        backend.set(key, merged.data[key]);
        written.push(key);
      }
    } catch (error) {
      // Best effort: put back what was written before the failure, so the change is all or nothing.
      for (const key of written) {
        const old = before.get(key);
        try {
          if (old === undefined) backend.delete(key);
          else backend.set(key, old);
        } catch {
          // The backend is failing; the error below says the save failed.
        }
      }
      log.error('saving settings failed', { error: (error as Error).message });
      throw new AppError('STORE_ERROR', `The settings could not be saved (${(error as Error).message}). Nothing was changed.`, { cause: error });
    }
    return read();
  }

  read(); // report hand-edited values at start, not at first use
  return {
    get: read,
    update,
    // The backend's notices (a corrupt file set aside) may arrive after start, so read them each time.
    get notices() {
      return [...(backend.notices ?? []), ...notices];
    },
  };
}
