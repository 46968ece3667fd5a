import { describe, expect, it } from 'vitest';
import { LOCALES as SETTINGS_LOCALES } from '../../shared/settings';
import { BOOKING_STATUSES } from '../../shared/booking';
import { addDaysToDay, formatDay, formatHour, formatPrice, formatSyncTime, formatTime, formatTimeRange, formatWeekRange, formatZoneOffset } from '../../renderer/src/format';
import { classCount, dictionaries, LOCALES, translate, translator, type MessageKey } from '../../renderer/src/i18n';
import { STATUS_LABEL } from '../../renderer/src/status';

// Spanish is the source of the keys; read both dictionaries through translate().
const keysOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has the same languages as the settings', () => {
    expect([...LOCALES]).toEqual([...SETTINGS_LOCALES]);
  });

  it('has every key in both languages, non-empty, with the same {placeholders}', () => {
    const es = Object.keys(dictionaries.es).sort();
    expect(Object.keys(dictionaries.en).sort()).toEqual(es);
    for (const key of es as MessageKey[]) {
      expect(dictionaries.es[key].trim(), key).not.toBe('');
      expect(dictionaries.en[key].trim(), key).not.toBe('');
      expect(keysOf(dictionaries.en[key]), key).toEqual(keysOf(dictionaries.es[key]));
    }
  });

  it('names every status in both languages', () => {
    for (const status of BOOKING_STATUSES) {
      expect(translate('es', STATUS_LABEL[status])).not.toBe('');
      expect(translate('en', STATUS_LABEL[status])).not.toBe(translate('es', STATUS_LABEL[status]));
    }
    expect(translate('es', 'status.pending')).toBe('Pendiente');
    expect(translate('en', 'status.pending')).toBe('Pending');
  });

  it('fills placeholders and counts classes', () => {
    const t = translator('en');
    expect(t('offline.banner', { time: '17:05' })).toBe('Offline — last synced 17:05');
    expect(translate('es', 'offline.banner', { time: '17:05' })).toBe('Sin conexión — última sincronización 17:05');
    expect([0, 1, 5].map((n) => classCount(t, n))).toEqual(['No classes', '1 class', '5 classes']);
    expect(classCount(translator('es'), 2)).toBe('2 clases');
  });
});

describe('formatting in the configured zone, whatever the machine zone', () => {
  const BA = 'America/Argentina/Buenos_Aires';
  const instant = '2026-11-25T20:00:00Z'; // 17:00 in Buenos Aires

  it('writes 24-hour times in the zone', () => {
    expect(formatTime(instant, BA, 'es')).toBe('17:00');
    expect(formatTime(instant, BA, 'en')).toBe('17:00');
    expect(formatTime(instant, 'Asia/Tokyo', 'en')).toBe('05:00');
    expect(formatTimeRange(instant, '2026-11-25T21:00:00Z', BA, 'es')).toBe('17:00–18:00');
    expect(formatHour(8, 'en')).toBe('08:00');
    expect(formatHour(0, 'es')).toBe('00:00');
  });

  it('writes days and weeks in the language', () => {
    expect(formatDay('2026-11-25', 'es')).toBe('miércoles, 25 de noviembre');
    expect(formatDay('2026-11-25', 'en')).toBe('Wednesday, November 25');
    expect(formatWeekRange(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'], 'es')).toMatch(/^23.29 de noviembre de 2026$/);
  });

  it('writes prices in whole Argentine pesos', () => {
    expect(formatPrice(15000, 'es').replace(/\s/g, ' ')).toBe('$ 15.000');
    expect(formatPrice(48000, 'en').replace(/\s/g, ' ')).toBe('ARS 48,000');
  });

  it('writes the last sync as a time today, else with the date', () => {
    const now = Date.parse('2026-11-25T22:00:00Z'); // 19:00 in Buenos Aires
    expect(formatSyncTime('2026-11-25T20:05:00Z', now, BA, 'es')).toBe('17:05');
    expect(formatSyncTime('2026-11-24T20:05:00Z', now, BA, 'es')).toMatch(/^24 nov\.? 17:05$/);
    // 02:00Z is still the 24th in Buenos Aires (23:00): not "today" there.
    expect(formatSyncTime('2026-11-25T02:00:00Z', now, BA, 'en')).toMatch(/Nov 24 23:00/);
  });

  it('shows the zone offset and shifts days without zones', () => {
    expect(formatZoneOffset(BA, '2026-11-25', 'es')).toBe('GMT-3');
    expect(formatZoneOffset('Europe/Madrid', '2026-03-30', 'en')).toBe('GMT+2');
    expect(addDaysToDay('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDaysToDay('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDaysToDay('2026-11-23', -7)).toBe('2026-11-16');
  });
});
