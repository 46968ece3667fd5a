import { describe, expect, it } from 'vitest';
import { createSettingsStore, type KeyValueBackend } from '../../main/settings/settings-store';
import { localeFromSystem } from '../../shared/settings';

function memoryBackend(initial: Record<string, unknown> = {}): KeyValueBackend {
  const data = new Map(Object.entries(initial));
  return { get: (k) => data.get(k), set: (k, v) => void data.set(k, v), delete: (k) => void data.delete(k) };
}

describe('the language follows the system until the teacher picks one', () => {
  it.each([
    ['en-US', 'en'],
    ['en', 'en'],
    ['EN-gb', 'en'],
    ['es-AR', 'es'],
    ['pt-BR', 'es'],
    [undefined, 'es'],
  ] as const)('system %s -> %s', (tag, locale) => {
    expect(localeFromSystem(tag)).toBe(locale);
  });

  it('uses the system language as the default, and the stored choice over it', () => {
    const fresh = createSettingsStore(memoryBackend(), undefined, { locale: 'en' });
    expect(fresh.get().locale).toBe('en');
    const chosen = createSettingsStore(memoryBackend({ locale: 'es' }), undefined, { locale: 'en' });
    expect(chosen.get().locale).toBe('es');
    expect(fresh.update({ locale: 'es' }).locale).toBe('es');
  });
});
