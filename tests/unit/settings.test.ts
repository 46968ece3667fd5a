import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/errors';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { memoryLogger } from '../../main/logger';
import { createConfBackend } from '../../main/settings/conf-backend';
import { createSettingsStore, type KeyValueBackend } from '../../main/settings/settings-store';

const clock = () => new Date('2026-11-24T20:00:00Z');
const STAMP = '20261124-200000';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const settingsFile = () => join(dir, 'settings.json');
const openSettings = () => createSettingsStore(createConfBackend({ dataDir: dir, clock }), memoryLogger());

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to be refused');
}

/** A backend in memory whose set can be made to fail. */
function memoryBackend(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  let failOnSet: number | undefined;
  let sets = 0;
  const backend: KeyValueBackend = {
    get: (key) => structuredClone(values.get(key)),
    set(key, value) {
      if (++sets === failOnSet) throw new Error('disk full');
      values.set(key, structuredClone(value));
    },
    delete: (key) => void values.delete(key),
  };
  return { backend, values, failOnSet: (n: number) => (failOnSet = sets + n) };
}

describe('settings', () => {
  it('starts from the defaults, writing nothing', async () => {
    const settings = openSettings();
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.notices).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves a valid change to settings.json and reads it back', async () => {
    const settings = openSettings();
    const next = settings.update({ timeZone: 'Europe/Madrid', locale: 'en', classDefaults: { durationMinutes: 90 } });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, timeZone: 'Europe/Madrid', locale: 'en', classDefaults: { summary: 'Clase de Inglés', durationMinutes: 90 } });
    expect(openSettings().get()).toEqual(next);
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toMatchObject({ timeZone: 'Europe/Madrid', locale: 'en' });
  });

  it('merges a partial staleRules patch over the stored rules, so two quick changes of different thresholds both stay', () => {
    const settings = openSettings();
    settings.update({ staleRules: { waitingHours: 24 } });
    const next = settings.update({ staleRules: { startWithinHours: 48 } });
    expect(next.staleRules).toEqual({ waitingHours: 24, startWithinHours: 48 });
    expect(openSettings().get().staleRules).toEqual({ waitingHours: 24, startWithinHours: 48 });
    // Each field is still checked, and unknown ones refused, changing nothing.
    expect(refusal(() => settings.update({ staleRules: { waitingHours: 0 } })).message).toContain('staleRules.waitingHours');
    expect(refusal(() => settings.update({ staleRules: { colour: 1 } } as never)).code).toBe('INVALID_REQUEST');
    expect(settings.get().staleRules).toEqual({ waitingHours: 24, startWithinHours: 48 });
  });

  it('refuses an invalid time zone, naming the field, and changes nothing', async () => {
    const settings = openSettings();
    settings.update({ locale: 'en' });
    const before = await readFile(settingsFile());
    const error = refusal(() => settings.update({ timeZone: 'Mars/Olympus' }));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toBe('timeZone: "Mars/Olympus" is not an IANA time zone (for example America/Argentina/Buenos_Aires)');
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, locale: 'en' });
    expect(await readFile(settingsFile())).toEqual(before);
  });

  it('changes nothing when any part of a patch is bad', () => {
    const settings = openSettings();
    for (const patch of [
      { locale: 'en', classDefaults: { durationMinutes: 5 } },
      { calendarId: 'work', weekStartsOn: 3 },
      { locale: 'en', colour: 'blue' },
    ]) {
      const error = refusal(() => settings.update(patch as never));
      expect(error.code).toBe('INVALID_REQUEST');
    }
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back to the default for a hand-edited bad value, with a notice, keeping the good ones', async () => {
    await writeFile(settingsFile(), JSON.stringify({ timeZone: 'Mars/Olympus', locale: 'en', classDefaults: { summary: 'Inglés', durationMinutes: 0 } }));
    const settings = openSettings();
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, locale: 'en', classDefaults: { summary: 'Inglés', durationMinutes: 60 } });
    expect(settings.notices.map((n) => n.kind)).toEqual(['settings-damaged', 'settings-damaged']);
    expect(settings.notices[0]!.message).toContain('"timeZone"');
    expect(settings.notices[0]!.message).toContain('"Mars/Olympus"');
    expect(settings.notices[0]!.message).toContain(`The default, "${DEFAULT_SETTINGS.timeZone}", is used`);
    expect(settings.notices[1]!.message).toContain('"classDefaults.durationMinutes"');
    // Reported once, however often it is read.
    settings.get();
    expect(settings.notices).toHaveLength(2);
    // Changing the setting replaces the bad value.
    settings.update({ timeZone: 'Asia/Tokyo' });
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toMatchObject({ timeZone: 'Asia/Tokyo' });
  });

  it.each([
    ['broken JSON', Buffer.from('{"timeZone": "Europe/Mad')],
    ['0 bytes', Buffer.alloc(0)],
    ['binary data', Buffer.from([0x00, 0x01, 0xff, 0xfe])],
    ['a list', Buffer.from('["es"]')],
  ])('keeps a settings.json holding %s aside, unchanged, and starts from the defaults', async (_what, bytes) => {
    await writeFile(settingsFile(), bytes);
    const settings = openSettings();
    const keptAs = join(dir, `settings.damaged-${STAMP}.json`);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.notices).toEqual([{ kind: 'settings-damaged', keptAs, message: expect.stringContaining(keptAs) as string }]);
    expect(settings.notices[0]!.message).toMatch(/^The settings file could not be read because /);
    expect(await readFile(keptAs)).toEqual(bytes);
    settings.update({ locale: 'en' });
    expect(await readFile(keptAs)).toEqual(bytes);
  });

  it('keeps aside a settings.json damaged while the app runs', async () => {
    const settings = openSettings();
    settings.update({ locale: 'en' });
    await writeFile(settingsFile(), 'garbage');
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.notices).toHaveLength(1);
    expect(await readFile(join(dir, `settings.damaged-${STAMP}.json`), 'utf8')).toBe('garbage');
  });

  it('puts back what it wrote when the backend fails halfway', () => {
    const memory = memoryBackend({ locale: 'en' });
    const settings = createSettingsStore(memory.backend);
    memory.failOnSet(2);
    const error = refusal(() => settings.update({ locale: 'es', calendarId: 'work' }));
    expect(error.code).toBe('STORE_ERROR');
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, locale: 'en' });
    expect([...memory.values.keys()]).toEqual(['locale']);
  });

  // That electron-store 11 fits as it is, too, is a type test: tests/types/settings-backends.ts (npm run typecheck).
  it('takes a conf instance as its backend as it is', () => {
    const conf = () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'plain-conf', projectName: 'teacher-desk-test' });
    const saved = createSettingsStore(conf()).update({ locale: 'en', calendarId: 'work' });
    expect(createSettingsStore(conf()).get()).toEqual(saved);
    expect(saved).toEqual({ ...DEFAULT_SETTINGS, locale: 'en', calendarId: 'work' });
  });
});
