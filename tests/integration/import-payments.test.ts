import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { paymentHandlers } from '../../main/bookings/payment-handlers';
import { createEventBus } from '../../main/events';
import { buildStudents } from '../../shared/business/students';
import { buildExport } from '../../main/export/export-service';
import { createImportService, type ImportService } from '../../main/import/import-service';
import { openPaymentLedger, PAYMENTS_FILE } from '../../main/import/payment-ledger';
import { memoryLogger } from '../../main/logger';
import { openBookingStore, type BookingStore } from '../../main/store/booking-store';
import { parsesHere } from './support/import-world';

/**
 * Payments joined to classes by preferenceId, from the platform's
 * PaymentMercadoPago export, on the real store and the real payments file:
 * files in any order, a newer export moving a payment on, nothing lost when
 * one side is missing, and the teacher's own word kept.
 */

const NOW = new Date('2026-11-24T15:00:00Z');
const clock = () => NOW;
const settings = () => DEFAULT_SETTINGS;

let dir: string;
let store: BookingStore;
let imports: ImportService;

async function openImports(): Promise<ImportService> {
  const payments = await openPaymentLedger(join(dir, 'data'), memoryLogger());
  return createImportService({ store, settings, clock, log: memoryLogger(), payments });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-payments-'));
  store = await openBookingStore({ dataDir: join(dir, 'data'), clock });
  imports = await openImports();
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const hex = (n: number, width = 24) => n.toString(16).padStart(width, '0');
const pref = (i: number) => `162275027-${hex(i, 8)}`;

/** A pending VirtualClass as mongoexport writes it, joined with its User. */
function classDoc(i: number): Record<string, unknown> {
  const start = Date.parse('2026-12-01T20:00:00Z') + i * 86_400_000;
  return {
    _id: { $oid: hex(0xa000 + i) },
    bookedById: { $oid: hex(0xb000 + i) },
    bookedBy: { name: `Alumna ${i}`, email: `alumna${i}@example.com` },
    startTime: { $date: new Date(start).toISOString() },
    endTime: { $date: new Date(start + 3_600_000).toISOString() },
    maxParticipants: 1,
    classType: 'individual',
    classPrice: 15000,
    status: 'pending',
    preferenceId: pref(i),
    createdAt: { $date: '2026-11-20T13:00:00.000Z' },
  };
}

function paymentDoc(i: number, status: string, updatedAt = '2026-11-21T10:00:00.000Z'): Record<string, unknown> {
  return { _id: { $oid: hex(0xc000 + i) }, userId: { $oid: hex(0xb000 + i) }, preferenceId: pref(i), price: 15000, type: 'individual', maxParticipants: 1, status, updatedAt: { $date: updatedAt } };
}

const ndjson = (docs: unknown[]) => docs.map((d) => JSON.stringify(d)).join('\n') + '\n';

async function file(name: string, content: string) {
  const path = join(dir, name);
  await writeFile(path, content);
  return { fileName: name, content: await readFile(path, 'utf8') };
}

async function importFile(name: string, content: string) {
  const preview = await imports.preview(await file(name, content));
  const result = await imports.commit({ previewId: preview.previewId });
  return { preview, result };
}

const paymentOf = (i: number) => store.findByPreferenceId(pref(i))?.payment;

describe('payments from the PaymentMercadoPago export', () => {
  it('joins payments to classes by preferenceId and reports both kinds of orphans', async () => {
    const classes = await importFile('VirtualClass.json', ndjson([classDoc(0), classDoc(1), classDoc(2)]));
    // No payments imported yet: nothing to say about them.
    expect(classes.preview.notes.filter((n) => n.kind === 'no-payment')).toHaveLength(0);

    const { preview, result } = await importFile('PaymentMercadoPago.json', ndjson([paymentDoc(0, 'pending'), paymentDoc(1, 'approved'), paymentDoc(9, 'approved')]));
    expect(preview.counts).toEqual({ new: 0, updated: 2, unchanged: 0, invalid: 0 });
    expect(result).toEqual({ created: 0, updated: 2 });
    expect(paymentOf(0)).toEqual({ state: 'waiting', amount: 15000, at: '2026-11-21T10:00:00.000Z', source: 'platform' });
    expect(paymentOf(1)).toMatchObject({ state: 'paid', amount: 15000, source: 'platform' });
    // A payment without a class, and a class without a payment: named, not dropped.
    expect(preview.notes).toContainEqual(expect.objectContaining({ kind: 'payment-without-booking', message: expect.stringContaining(pref(9)) }));
    expect(preview.notes).toContainEqual(expect.objectContaining({ kind: 'no-payment', message: expect.stringContaining(pref(2)) }));
    expect(paymentOf(2)).toBeUndefined();
    expect(store.list()).toHaveLength(3);
  });

  it('reads a payments file in the import worker, as every file: main only joins, it never JSON.parses a payment', async () => {
    await importFile('VirtualClass.json', ndjson([classDoc(0), classDoc(1)]));
    const paymentsParsedHere = await parsesHere('"userId"', async () => {
      const { preview, result } = await importFile('PaymentMercadoPago.json', ndjson([paymentDoc(0, 'approved'), paymentDoc(1, 'pending'), paymentDoc(7, 'approved')]));
      expect(preview.counts).toEqual({ new: 0, updated: 2, unchanged: 0, invalid: 0 });
      expect(preview.paymentsToKeep).toBe(1);
      expect(result).toEqual({ created: 0, updated: 2 });
    });
    expect(paymentsParsedHere).toBe(0);
    expect(paymentOf(0)?.state).toBe('paid');
    expect(paymentOf(1)?.state).toBe('waiting');
  });

  it('moves a payment from pending to approved with a newer export, and never back with an older one', async () => {
    await importFile('VirtualClass.json', ndjson([classDoc(0)]));
    await importFile('payments-1.json', ndjson([paymentDoc(0, 'pending')]));
    expect(paymentOf(0)?.state).toBe('waiting');
    const newer = await importFile('payments-2.json', `[${JSON.stringify(paymentDoc(0, 'approved', '2026-11-22T09:00:00.000Z'))}]`);
    expect(newer.result).toEqual({ created: 0, updated: 1 });
    expect(paymentOf(0)).toMatchObject({ state: 'paid', at: '2026-11-22T09:00:00.000Z' });
    const older = await importFile('payments-1-again.json', ndjson([paymentDoc(0, 'pending')]));
    expect(older.result).toEqual({ created: 0, updated: 0 });
    expect(older.preview.notes).toContainEqual(expect.objectContaining({ kind: 'payment-kept' }));
    expect(paymentOf(0)?.state).toBe('paid');
  });

  it('keeps a payment that came before its class, in its own file, and joins it when the class comes', async () => {
    const first = await importFile('PaymentMercadoPago.json', ndjson([paymentDoc(4, 'approved')]));
    expect(first.result).toEqual({ created: 0, updated: 0 });
    expect(first.preview.notes.map((n) => n.kind)).toEqual(['payment-without-booking']);
    // The dialog offers to keep it (nothing else would be imported); previewing the same file again has nothing new to keep.
    expect(first.preview.paymentsToKeep).toBe(1);
    expect((await imports.preview(await file('PaymentMercadoPago.json', ndjson([paymentDoc(4, 'approved')])))).paymentsToKeep).toBeUndefined();
    expect(JSON.parse(await readFile(join(dir, 'data', PAYMENTS_FILE), 'utf8'))).toMatchObject({ version: 1, payments: { [pref(4)]: { state: 'paid' } } });

    // As after a restart: a fresh import service reads the payments file.
    imports = await openImports();
    const classes = await importFile('VirtualClass.json', ndjson([classDoc(4), classDoc(5)]));
    expect(classes.result).toEqual({ created: 2, updated: 0 });
    expect(paymentOf(4)).toMatchObject({ state: 'paid', amount: 15000, source: 'platform' });
    expect(paymentOf(5)).toBeUndefined();
    // Once payments are known, a class whose payment is not among them is named.
    expect(classes.preview.notes.filter((n) => n.kind === 'no-payment')).toEqual([expect.objectContaining({ message: expect.stringContaining(pref(5)) })]);
  });

  it('keeps the payment the teacher set by hand through a re-import that knows nothing of it', async () => {
    await importFile('VirtualClass.json', ndjson([classDoc(0), classDoc(1)]));
    await importFile('payments.json', ndjson([paymentDoc(0, 'pending')]));
    const { setPayment } = paymentHandlers({ store, clock, events: createEventBus() });
    const id0 = store.findByPreferenceId(pref(0))?.id as string;
    const id1 = store.findByPreferenceId(pref(1))?.id as string;
    await setPayment({ id: id0, payment: { state: 'paid', amount: 14000 } });
    await setPayment({ id: id1, payment: { state: 'paid', amount: null } });

    const again = await importFile('payments.json', ndjson([paymentDoc(0, 'pending'), paymentDoc(1, 'rejected')]));
    expect(again.result).toEqual({ created: 0, updated: 0 });
    const classesAgain = await importFile('VirtualClass.json', ndjson([classDoc(0), classDoc(1)]));
    expect(classesAgain.result.updated).toBe(0);
    expect(paymentOf(0)).toEqual({ state: 'paid', amount: 14000, at: NOW.toISOString(), source: 'manual' });
    expect(paymentOf(1)).toMatchObject({ state: 'paid', amount: null, source: 'manual' });
  });

  it('round-trips the payment through the desk’s CSV', async () => {
    await importFile('VirtualClass.json', ndjson([classDoc(0), classDoc(1), classDoc(2)]));
    await importFile('payments.json', ndjson([paymentDoc(0, 'approved'), paymentDoc(1, 'pending')]));
    const { setPayment } = paymentHandlers({ store, clock, events: createEventBus() });
    await setPayment({ id: store.findByPreferenceId(pref(2))?.id as string, payment: { state: 'paid', amount: 12000 } });
    const exported = buildExport(store.list(), { from: '2026-12-01', to: '2026-12-31', format: 'csv' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: NOW });
    expect(exported.content.split('\r\n')[0]).toContain('paymentState,paymentAmount,paymentAt,paymentSource');

    const other = await openBookingStore({ dataDir: join(dir, 'other'), clock });
    try {
      const intoEmpty = createImportService({ store: other, settings, clock, log: memoryLogger() });
      const preview = await intoEmpty.preview(await file(exported.suggestedName, exported.content));
      await intoEmpty.commit({ previewId: preview.previewId });
      expect(other.list().map((b) => b.payment)).toEqual(store.list().map((b) => b.payment));
    } finally {
      await other.close();
    }
    const ics = buildExport(store.list(), { from: '2026-12-01', to: '2026-12-31', format: 'ics' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: NOW }).content;
    expect(ics).toContain('X-TEACHER-DESK-PAYMENT:paid\r\nX-TEACHER-DESK-PAYMENT-SOURCE:manual\r\nX-TEACHER-DESK-PAYMENT-AMOUNT:12000');
  });

  it('refuses a payment it cannot read, naming the line, and imports the others', async () => {
    await importFile('VirtualClass.json', ndjson([classDoc(0)]));
    const { preview } = await importFile('payments.json', ndjson([{ ...paymentDoc(0, 'approved') }, { preferenceId: 'x', status: 'paidish' }]));
    expect(preview.invalid).toEqual([{ line: 2, reason: expect.stringContaining('payment status "paidish"') }]);
    expect(paymentOf(0)?.state).toBe('paid');
  });

  it('keeps the student’s level, town and phone from the export’s users, through a CSV round trip', async () => {
    const { bookedBy: _drop, ...bare } = classDoc(0);
    const companion = {
      virtualClasses: [bare],
      users: [{ _id: { $oid: hex(0xb000) }, name: 'Alumna 0', email: 'alumna0@example.com', nivel: 'intermedio', localidad: 'Rosario', telefono: '+54 341 555 0000' }],
      payments: [paymentDoc(0, 'approved')],
    };
    await importFile('companion.json', JSON.stringify(companion));
    expect(store.findByPreferenceId(pref(0))?.bookedBy).toEqual({ name: 'Alumna 0', email: 'alumna0@example.com', level: 'intermedio', town: 'Rosario', phone: '+54 341 555 0000' });
    expect(paymentOf(0)?.state).toBe('paid');
    // A later export joined without those fields keeps them.
    const again = await importFile('VirtualClass.json', ndjson([classDoc(0)]));
    expect(again.result.updated).toBe(0);
    expect(buildStudents(store.list(), NOW.getTime())[0]).toMatchObject({ level: 'intermedio', town: 'Rosario', phone: '+54 341 555 0000', paid: 1 });

    const exported = buildExport(store.list(), { from: '2026-12-01', to: '2026-12-31', format: 'csv' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: NOW });
    const other = await openBookingStore({ dataDir: join(dir, 'other'), clock });
    try {
      const intoEmpty = createImportService({ store: other, settings, clock, log: memoryLogger() });
      const preview = await intoEmpty.preview(await file(exported.suggestedName, exported.content));
      await intoEmpty.commit({ previewId: preview.previewId });
      expect(other.list()).toEqual(store.list());
    } finally {
      await other.close();
    }
  });

  it('keeps a damaged payments file aside, never overwriting it, and starts without payments', async () => {
    await writeFile(join(dir, 'data', PAYMENTS_FILE), '{"version": 1, "payments": {"x": {"state": "maybe"}}}');
    const log = memoryLogger();
    const ledger = await openPaymentLedger(join(dir, 'data'), log);
    expect(ledger.size()).toBe(0);
    const aside = (await readdir(join(dir, 'data'))).filter((name) => name.startsWith('payments-unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, 'data', aside[0]!), 'utf8')).toContain('"maybe"');
    expect(log.lines.join('\n')).toContain('kept aside');
  });
});
