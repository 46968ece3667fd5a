import { describe, expect, it } from 'vitest';
import { computeEarnings } from '../../shared/business/earnings';
import { DEFAULT_SETTINGS, SettingsPatchSchema } from '../../shared/settings';
import { earningsToCsv } from '../../main/business/earnings-csv';
import { readCsv } from '../../main/import/csv';
import { aBooking } from '../support/booking-fixture';

describe('the earnings view as CSV', () => {
  const earnings = computeEarnings(
    [
      aBooking({ startTime: '2026-03-10T17:00:00-03:00', endTime: '2026-03-10T18:30:00-03:00', status: 'completed', payment: { state: 'paid', amount: 15000, at: null, source: 'manual' } }),
      aBooking({ startTime: '2026-03-11T17:00:00-03:00', endTime: '2026-03-11T18:00:00-03:00', status: 'scheduled', payment: { state: 'waiting', amount: null, at: null, source: 'platform' } }),
    ],
    { timeZone: DEFAULT_SETTINGS.timeZone, weekStartsOn: 1, now: Date.parse('2026-04-01T00:00:00Z'), anchor: '2026-03-11' },
  );

  it('writes the periods and the series the view shows, numbers a spreadsheet reads, headings in the teacher’s language', () => {
    const rows = [...readCsv(earningsToCsv(earnings, 'es').replace(/^\uFEFF/, ''), ',')].map((r) => r.fields);
    expect(rows[0]).toEqual(['periodo', 'desde', 'hasta', 'clases dadas', 'horas', 'alumnos', 'canceladas', 'cobrado ARS', 'por cobrar ARS', 'individuales', 'grupo de 2', 'grupo de 3', 'grupo de 4', 'grupo de 5']);
    expect(rows[1]).toEqual(['semana', '2026-03-09', '2026-03-16', '2', '2.5', '1', '0', '15000', '15000', '2', '0', '0', '0', '0']);
    expect(rows[3]?.slice(0, 3)).toEqual(['año', '2026-01-01', '2027-01-01']);
    expect(rows).toHaveLength(1 + 3 + 12 + 12);
    expect(rows.find((r) => r[0] === 'mes' && r[1] === '2026-03')?.slice(3, 9)).toEqual(['2', '2.5', '', '', '15000', '15000']);
    expect(earningsToCsv(earnings, 'en').split('\r\n')[0]).toContain('period,from,to,classes given,hours');
  });

  it('takes the stale thresholds as a setting, within sensible bounds', () => {
    expect(DEFAULT_SETTINGS.staleRules).toEqual({ waitingHours: 48, startWithinHours: 24 });
    expect(SettingsPatchSchema.safeParse({ staleRules: { waitingHours: 72, startWithinHours: 12 } }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ staleRules: { waitingHours: 0, startWithinHours: 12 } }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ staleRules: { waitingHours: 48, startWithinHours: 24, extra: 1 } }).success).toBe(false);
  });
});
