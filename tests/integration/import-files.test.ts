import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import { AppError } from '../../shared/ipc/errors';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { buildExport } from '../../main/export/export-service';
import { createImportService, type ImportProgress, type ImportService } from '../../main/import/import-service';
import { memoryLogger } from '../../main/logger';
import { openBookingStore, type BookingStore } from '../../main/store/booking-store';
import { makeBookings } from '../bench/fixtures';

/**
 * Import end to end on the real store over real files: the tests write each
 * file into a temp dir, read it back as the renderer would (UTF-8 text), and
 * compare the store file's bytes before and after whenever nothing may change.
 */

const NOW = new Date('2026-11-24T15:00:00Z');
const clock = () => NOW;
const settings = () => DEFAULT_SETTINGS; // America/Argentina/Buenos_Aires

let dir: string;
let store: BookingStore;
let progress: ImportProgress[];
let imports: ImportService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-import-'));
  store = await openBookingStore({ dataDir: join(dir, 'data'), clock });
  progress = [];
  imports = createImportService({ store, settings, clock, log: memoryLogger(), onProgress: (p) => progress.push(p) });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes `content` to a file and reads it back the way the renderer does: as UTF-8 text. */
async function fileText(name: string, content: string | Buffer): Promise<{ fileName: string; content: string }> {
  const path = join(dir, name);
  await writeFile(path, content);
  return { fileName: name, content: await readFile(path, 'utf8') };
}

async function storeBytes(): Promise<Buffer | null> {
  return readFile(store.filePath).catch(() => null);
}

const hex = (n: number, width = 24) => n.toString(16).padStart(width, '0');

/** A VirtualClass as mongoexport writes it (canonical dates on endTime, relaxed on startTime), joined with its User. */
function platformDoc(i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const start = Date.parse('2026-12-01T20:00:00Z') + i * 86_400_000; // 17:00 in Buenos Aires
  return {
    _id: { $oid: hex(0xa000 + i) },
    bookedById: { $oid: hex(0xb000 + i) },
    bookedBy: { name: `Alumna ${i} Pérez`, email: `alumna${i}@example.com` },
    startTime: { $date: new Date(start).toISOString() },
    endTime: { $date: { $numberLong: String(start + 3_600_000) } },
    hostType: 'anfitrion',
    currentParticipants: 1,
    maxParticipants: 1,
    classType: 'individual',
    classPrice: 15000,
    htmlLink: `https://meet.google.com/abc-defg-h${String.fromCharCode(97 + (i % 26))}j`,
    status: 'scheduled',
    summary: 'Clase de Inglés. La clase sera individual con x1 participantes',
    description: 'La clase sera individual con x1 participantes',
    learningFocus: 'Job interview, "tough" questions',
    preferenceId: `162275027-${hex(i, 8)}`,
    activityStatus: 'pending',
    participantsIds: [{ $oid: hex(0xb000 + i) }],
    googleEventId: `platformevent${i}`,
    accessCode: 'K7M2Q9PX',
    createdAt: { $date: '2026-11-20T13:00:00.000Z' },
    updatedAt: { $date: { $numberLong: String(Date.parse('2026-11-20T13:05:00Z')) } },
    ...overrides,
  };
}

const ndjson = (docs: unknown[]) => docs.map((d) => JSON.stringify(d)).join('\n') + '\n';

async function previewAndCommit(file: { fileName: string; content: string }) {
  const preview = await imports.preview(file);
  const result = await imports.commit({ previewId: preview.previewId });
  return { preview, result };
}

describe('importing the platform export formats', () => {
  it('reads a mongoexport file (one document per line, $oid / $date / $numberLong)', async () => {
    const file = await fileText('virtualclasses.json', ndjson([platformDoc(0), platformDoc(1), platformDoc(2)]));
    const { preview, result } = await previewAndCommit(file);
    expect(preview).toMatchObject({ fileName: 'virtualclasses.json', format: 'mongoexport', counts: { new: 3, updated: 0, unchanged: 0, invalid: 0 }, invalid: [] });
    expect(result).toEqual({ created: 3, updated: 0 });
    const [first] = store.list();
    expect(first).toMatchObject({
      platformId: hex(0xa000),
      preferenceId: '162275027-00000000',
      source: 'platform',
      bookedBy: { name: 'Alumna 0 Pérez', email: 'alumna0@example.com' },
      participants: [], // the booker is bookedBy, not one of the others
      startTime: '2026-12-01T17:00:00-03:00',
      endTime: '2026-12-01T18:00:00-03:00',
      classType: 'individual',
      status: 'scheduled',
      googleEventId: 'platformevent0',
      accessCode: 'K7M2Q9PX',
      meetLink: 'https://meet.google.com/abc-defg-haj',
      calendarLink: null,
      learningFocus: 'Job interview, "tough" questions',
      createdAt: '2026-11-20T13:00:00.000Z',
      updatedAt: '2026-11-20T13:05:00.000Z',
    });
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['reading', 'checking', 'saving']));
  });

  it('reads a mongoexport --jsonArray file and a plain JSON array', async () => {
    const array = await fileText('array.json', `[\n${[platformDoc(0), platformDoc(1)].map((d) => JSON.stringify(d, null, 2)).join(',\n')}\n]`);
    expect((await previewAndCommit(array)).preview).toMatchObject({ format: 'mongoexport', counts: { new: 2 } });

    const plain = await fileText(
      'plain.json',
      JSON.stringify([
        {
          preferenceId: 'pref-plain-1',
          bookedBy: { name: 'Bruno Díaz', email: 'bruno@example.com' },
          startTime: '2026-12-10T18:00:00-03:00',
          endTime: '2026-12-10T19:00:00-03:00',
          classType: 'grupal',
          maxParticipants: 3,
          currentParticipants: 2,
          classPrice: 36000,
          status: 'pending',
        },
      ]),
    );
    const { preview } = await previewAndCommit(plain);
    expect(preview).toMatchObject({ format: 'json', counts: { new: 1, invalid: 0 } });
    expect(store.list().find((b) => b.preferenceId === 'pref-plain-1')).toMatchObject({ classType: 'grupal', maxParticipants: 3, status: 'pending', summary: 'Clase de Inglés' });
  });

  it('reads CSV: BOM, CRLF, quoted commas, quotes and line breaks, local times in a named zone or the configured one', async () => {
    const csv =
      '\uFEFFpreferenceId,studentName,studentEmail,startTime,endTime,timeZone,classType,maxParticipants,classPrice,learningFocus\r\n' +
      'csv-1,"Pérez, Ana",ana@example.com,2026-12-03T17:00,2026-12-03T18:00,,individual,1,15000,"Travel: ""airport"" English,\r\nand small talk"\r\n' +
      'csv-2,Luis,luis@example.com,2026-12-04 18:00,2026-12-04 19:00,Europe/Madrid,individual,1,15000,\r\n';
    const { preview } = await previewAndCommit(await fileText('classes.csv', csv));
    expect(preview).toMatchObject({ format: 'csv', counts: { new: 2, invalid: 0 } });
    const [ana, luis] = store.list();
    expect(ana).toMatchObject({ bookedBy: { name: 'Pérez, Ana' }, startTime: '2026-12-03T17:00:00-03:00', learningFocus: 'Travel: "airport" English,\r\nand small talk', source: 'platform' });
    // 18:00 in Madrid (UTC+1 in December) is 14:00 in Buenos Aires.
    expect(luis).toMatchObject({ startTime: '2026-12-04T14:00:00-03:00', learningFocus: null });
  });

  it('joins the companion file: students from users, paid from payments, the pending-with-event fault', async () => {
    const doc = (i: number, extra: Record<string, unknown>) => {
      const { bookedBy: _drop, ...rest } = platformDoc(i, extra);
      return rest;
    };
    const companion = {
      virtualClasses: [
        doc(0, {}),
        doc(1, { status: 'pending' }), // event and Meet link exist: the platform's fault
        doc(2, { status: 'scheduled' }), // payment still pending
        doc(3, { status: 'pending', googleEventId: null, htmlLink: null, accessCode: null }), // no payment at all
        doc(4, { bookedById: { $oid: hex(0xdead) } }), // nobody with that id
      ],
      users: [0, 1, 2, 3, 4].map((i) => ({ _id: { $oid: hex(0xb000 + i) }, name: `User ${i}`, email: `user${i}@example.com`, nivel: 'basico' })),
      payments: [
        { preferenceId: '162275027-00000000', status: 'approved', price: 15000 },
        { preferenceId: '162275027-00000001', status: 'approved', price: 15000 },
        { preferenceId: '162275027-00000002', status: 'pending', price: 15000 },
        { preferenceId: '162275027-00000004', status: 'approved', price: 15000 },
      ],
    };
    const { preview } = await previewAndCommit(await fileText('companion.json', JSON.stringify(companion)));
    expect(preview.counts).toEqual({ new: 4, updated: 0, unchanged: 0, invalid: 1 });
    expect(preview.invalid).toEqual([{ line: 5, reason: expect.stringContaining(`bookedById ${hex(0xdead)} is not among the file's users`) }]);
    expect(preview.invalid[0]!.reason).toMatch(/^item 5 of virtualClasses: /);
    const byPref = (n: number) => store.list().find((b) => b.preferenceId === `162275027-${hex(n, 8)}`);
    expect(byPref(0)).toMatchObject({ status: 'scheduled', bookedBy: { name: 'User 0', email: 'user0@example.com' } });
    expect(byPref(1)).toMatchObject({ status: 'scheduled', googleEventId: 'platformevent1' });
    expect(byPref(2)).toMatchObject({ status: 'pending' });
    expect(byPref(3)).toMatchObject({ status: 'pending' });
    const kinds = (line: number) => preview.notes.filter((n) => n.line === line).map((n) => n.kind);
    expect(kinds(2)).toContain('pending-with-event');
    expect(kinds(3)).toContain('unpaid');
    expect(kinds(4)).toContain('unpaid');
    expect(kinds(1)).toEqual([]);
  });
});

describe('importing again', () => {
  it('changes nothing when the same file is imported twice', async () => {
    const file = await fileText('again.json', ndjson([platformDoc(0), platformDoc(1)]));
    await previewAndCommit(file);
    const before = await storeBytes();
    const { preview, result } = await previewAndCommit(file);
    expect(preview.counts).toEqual({ new: 0, updated: 0, unchanged: 2, invalid: 0 });
    expect(result).toEqual({ created: 0, updated: 0 });
    expect(await storeBytes()).toEqual(before);
  });

  it('merges a newer export without losing what the desk added', async () => {
    // The platform had it pending, without event; the desk confirmed it (event, Meet, code, calendar link).
    await previewAndCommit(await fileText('v1.json', ndjson([platformDoc(0, { status: 'pending', googleEventId: null, htmlLink: null, accessCode: null })])));
    const [imported] = store.list();
    const desk = {
      status: 'scheduled' as const,
      googleEventId: 'td0123456789abcdef',
      meetLink: 'https://meet.google.com/des-kmee-tin',
      calendarLink: 'https://www.google.com/calendar/event?eid=abc',
      accessCode: 'ABCDEFGH',
    };
    await store.mutate((draft) => {
      draft.bookings[0] = { ...draft.bookings[0]!, ...desk };
    });

    // The newer export still says pending (the platform never learns of the desk), with a new focus and a short code.
    const v2 = platformDoc(0, { status: 'pending', googleEventId: null, htmlLink: null, accessCode: 'X7K2Q', learningFocus: 'Phrasal verbs', classPrice: 16000 });
    const { preview, result } = await previewAndCommit(await fileText('v2.json', ndjson([v2])));
    expect(preview.counts).toEqual({ new: 0, updated: 1, unchanged: 0, invalid: 0 });
    expect(result).toEqual({ created: 0, updated: 1 });
    expect(preview.notes.map((n) => n.kind)).toEqual(['kept-desk-status']);
    const [merged] = store.list();
    expect(merged).toMatchObject({ ...desk, id: imported!.id, learningFocus: 'Phrasal verbs', classPrice: 16000, updatedAt: NOW.toISOString() });
  });

  it('applies a cancellation through the status rules, and refuses a move they forbid', async () => {
    await previewAndCommit(await fileText('v1.json', ndjson([platformDoc(0), platformDoc(1)])));
    await store.mutate((draft) => {
      draft.bookings[1] = { ...draft.bookings[1]!, status: 'cancelled' };
    });
    const before = store.list();
    const v2 = ndjson([platformDoc(0, { status: 'cancelled' }), platformDoc(1, { status: 'completed' })]);
    const { preview, result } = await previewAndCommit(await fileText('v2.json', v2));
    expect(preview.counts).toEqual({ new: 0, updated: 1, unchanged: 0, invalid: 1 });
    expect(preview.invalid).toEqual([{ line: 2, reason: 'line 2: the export says completed but the desk has it cancelled: Cannot complete this class: a cancelled class is final and cannot change.' }]);
    expect(preview.notes.map((n) => n.kind)).toContain('cancelled-with-event');
    expect(result).toEqual({ created: 0, updated: 1 });
    const after = store.list();
    expect(after[0]!.status).toBe('cancelled');
    expect(after[1]).toEqual(before[1]);
  });

  it('links a row to the booking the desk adopted from the calendar, by event id, instead of creating it twice', async () => {
    const adopted = makeBookings(1)[0]!;
    await store.mutate((draft) => {
      draft.bookings.push({ ...adopted, source: 'calendar', preferenceId: null, platformId: null, googleEventId: 'platformevent0', startTime: '2026-12-01T17:00:00-03:00', endTime: '2026-12-01T18:00:00-03:00' });
    });
    const { preview } = await previewAndCommit(await fileText('x.json', ndjson([platformDoc(0)])));
    expect(preview.counts).toMatchObject({ new: 0, updated: 1 });
    expect(store.list()).toHaveLength(1);
    expect(store.list()[0]).toMatchObject({ id: adopted.id, preferenceId: '162275027-00000000', platformId: hex(0xa000), source: 'calendar' });
  });
});

describe('files refused as a whole change nothing', () => {
  beforeEach(async () => {
    await store.mutate((draft) => void draft.bookings.push(...makeBookings(3)));
  });

  const refused: [string, string | Buffer, RegExp][] = [
    ['a 0-byte file', '', /the file is empty \(0 bytes\)/],
    ['a blank file', '  \r\n\t\n', /only blank space/],
    ['a binary file', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(200, 0xff)]), /this is not a text file/],
    ['broken JSON (NDJSON)', `${JSON.stringify(platformDoc(0))}\n{"_id": {"$oid": "1"}, "startTime": }\n`, /not valid JSON at line 2, column 37: unexpected } where a value was expected\.$/],
    ['broken JSON (array)', '[\n  {"preferenceId": "a",\n   "classType": \'individual\'}\n]', /not valid JSON at line 3, column 17: unexpected ' \(JSON strings need double quotes\) where a value was expected/],
    ['an unterminated array', `[${JSON.stringify(platformDoc(0))},\n`, /not valid JSON at line 2, column 1: the file ends before the \[ opened at line 1, column 1 is closed/],
    ['wrong CSV columns', 'startTime,endTime,studentName,colour\r\n2026-12-01T17:00,2026-12-01T18:00,Ana,red\r\n', /wrong columns: missing column classType; unknown column "colour"/],
    ['an unknown format', 'Dear teacher,\nhere are the classes.\n', /format is unknown/],
    ['a CSV with an unterminated quote', 'startTime,endTime,classType,learningFocus\n2026-12-01T17:00,2026-12-01T18:00,individual,"open\n', /quoted field that starts on line 2 never ends/],
    ['a JSON object that is not an export', '{\n  "hello": "world"\n}', /neither a class nor a \{ "virtualClasses"/],
    ['the users collection', '{"_id": {"$oid": "1"}, "email": "a@example.com"}\n{"_id": {"$oid": "2"}, "email": "b@example.com"}\n', /none of its records is a class .*users or payments/],
    ['an empty list', '[]', /holds no classes/],
  ];

  it.each(refused)('%s', async (_name, content, reason) => {
    const before = await storeBytes();
    const file = await fileText('bad.file', content);
    const error = await imports.preview(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_REQUEST');
    expect((error as AppError).message).toMatch(/^"bad.file" cannot be imported: /);
    expect((error as AppError).message).toMatch(reason);
    expect(await storeBytes()).toEqual(before);
  });

  const badRows: [string, Record<string, unknown>, RegExp][] = [
    ['a bad date', { startTime: { $date: '2026-02-30T17:00:00Z' } }, /line 1: startTime "2026-02-30T17:00:00Z" is not a real date and time/],
    ['a date that is no date', { endTime: 'tomorrow at five' }, /line 1: endTime "tomorrow at five" is not a date-time like/],
    ['end before start', { endTime: { $date: '2026-12-01T19:00:00Z' } }, /line 1: end time must be after start time/],
    ['an unknown class type', { classType: 'private' }, /line 1: classType "private" is not individual or grupal/],
    ['an invalid time zone', { timeZone: 'Mars/Olympus_Mons' }, /line 1: timeZone "Mars\/Olympus_Mons" is not an IANA time zone/],
    ['no student', { bookedBy: undefined }, /line 1: no student name and e-mail: the platform's VirtualClass holds only bookedById/],
    ['a group class of 7', { classType: 'grupal', maxParticipants: 7 }, /^line 1: maxParticipants 7: grupal classes take 2 to 5 participants$/],
  ];

  it.each(badRows)('a file whose only row has %s imports nothing and says why', async (_name, change, reason) => {
    const before = await storeBytes();
    const { preview, result } = await previewAndCommit(await fileText('row.json', ndjson([platformDoc(0, change)])));
    expect(preview.counts).toEqual({ new: 0, updated: 0, unchanged: 0, invalid: 1 });
    expect(preview.invalid[0]!.line).toBe(1);
    expect(preview.invalid[0]!.reason).toMatch(reason);
    expect(result).toEqual({ created: 0, updated: 0 });
    expect(await storeBytes()).toEqual(before);
  });
});

describe('mixed files', () => {
  it('imports only the valid rows of a CSV and lists the others with line and reason', async () => {
    const csv = [
      'preferenceId,studentName,studentEmail,startTime,endTime,classType,maxParticipants,classPrice',
      'ok-1,Ana,ana@example.com,2026-12-01T17:00:00-03:00,2026-12-01T18:00:00-03:00,individual,1,15000',
      'bad-date,Bea,bea@example.com,2026-13-01T17:00:00-03:00,2026-12-01T18:00:00-03:00,individual,1,15000',
      '"ok-2","Carla ""Charly"" Ruiz",carla@example.com,2026-12-02T17:00:00-03:00,2026-12-02T18:00:00-03:00,grupal,2,30000',
      'bad-type,Dani,dani@example.com,2026-12-03T17:00:00-03:00,2026-12-03T18:00:00-03:00,vip,1,15000',
      'bad-fields,Eva,eva@example.com,2026-12-03T17:00:00-03:00',
      'ok-1,Ana again,ana2@example.com,2026-12-05T17:00:00-03:00,2026-12-05T18:00:00-03:00,individual,1,15000',
      'bad-price,Fede,fede@example.com,2026-12-06T17:00:00-03:00,2026-12-06T18:00:00-03:00,individual,1,"15000,50"',
      'bad-mail,Gus,not-an-address,2026-12-06T17:00:00-03:00,2026-12-06T18:00:00-03:00,individual,1,15000',
      '',
    ].join('\r\n');
    const { preview, result } = await previewAndCommit(await fileText('mixed.csv', csv));
    expect(preview.counts).toEqual({ new: 2, updated: 0, unchanged: 0, invalid: 6 });
    expect(preview.invalid.map((i) => i.line)).toEqual([3, 5, 6, 7, 8, 9]);
    expect(preview.invalid.map((i) => i.reason)).toEqual([
      'line 3: startTime "2026-13-01T17:00:00-03:00" is not a real date and time',
      'line 5: classType "vip" is not individual or grupal',
      'line 6 has 4 fields, the header has 8 (a delimiter or quote out of place?)',
      'line 7: same preferenceId ok-1 as line 2; only the first is imported',
      'line 8: classPrice "15000,50" has cents (,50): prices are whole pesos, like 15000',
      expect.stringMatching(/^line 9: student: email: not a valid e-mail address/),
    ]);
    expect(result).toEqual({ created: 2, updated: 0 });
    expect(store.list().map((b) => b.bookedBy.name)).toEqual(['Ana', 'Carla "Charly" Ruiz']);
  });

  it('takes only the first of rows that share any key: preferenceId, platform id, desk id or calendar event', async () => {
    const id = 'c43a8c3b-7cf3-4c25-a632-b92409d3fb64';
    const csv = [
      'id,preferenceId,platformId,googleEventId,studentName,studentEmail,startTime,endTime,classType,maxParticipants,classPrice',
      `,pref-1,,,Ana,ana@example.com,2026-12-01T17:00:00-03:00,2026-12-01T18:00:00-03:00,individual,1,15000`,
      `,,plat-1,,Bea,bea@example.com,2026-12-02T17:00:00-03:00,2026-12-02T18:00:00-03:00,individual,1,15000`,
      `${id},,,,Carla,carla@example.com,2026-12-03T17:00:00-03:00,2026-12-03T18:00:00-03:00,individual,1,15000`,
      `,,,evt-1,Dani,dani@example.com,2026-12-04T17:00:00-03:00,2026-12-04T18:00:00-03:00,individual,1,15000`,
      `,pref-1,,,Eva,eva@example.com,2026-12-05T17:00:00-03:00,2026-12-05T18:00:00-03:00,individual,1,15000`,
      `,,plat-1,,Fede,fede@example.com,2026-12-06T17:00:00-03:00,2026-12-06T18:00:00-03:00,individual,1,15000`,
      `${id},,,,Gus,gus@example.com,2026-12-07T17:00:00-03:00,2026-12-07T18:00:00-03:00,individual,1,15000`,
      `,pref-2,plat-2,evt-1,Hugo,hugo@example.com,2026-12-08T17:00:00-03:00,2026-12-08T18:00:00-03:00,individual,1,15000`,
    ].join('\n');
    const { preview, result } = await previewAndCommit(await fileText('dupes.csv', csv));
    expect(preview.invalid.map((i) => i.reason)).toEqual([
      'line 6: same preferenceId pref-1 as line 2; only the first is imported',
      'line 7: same platform id plat-1 as line 3; only the first is imported',
      `line 8: same id ${id} as line 4; only the first is imported`,
      'line 9: same calendar event evt-1 as line 5; only the first is imported',
    ]);
    expect(result).toEqual({ created: 4, updated: 0 });
    expect(store.get(id)?.bookedBy.name).toBe('Carla');
  });

  it('names array items by their number and line', async () => {
    const items = [platformDoc(0), platformDoc(1, { classType: 'vip' })];
    const { preview } = await previewAndCommit(await fileText('array.json', `[\n${items.map((d) => JSON.stringify(d)).join(',\n')}\n]`));
    expect(preview.invalid).toEqual([{ line: 2, reason: 'item 2 of the array (line 3): classType "vip" is not individual or grupal' }]);
  });
});

describe('commit', () => {
  it('refuses a preview that a newer one replaced, and one already imported', async () => {
    const first = await imports.preview(await fileText('a.json', ndjson([platformDoc(0)])));
    const second = await imports.preview(await fileText('b.json', ndjson([platformDoc(1)])));
    await expect(imports.commit({ previewId: first.previewId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(imports.commit({ previewId: second.previewId })).resolves.toEqual({ created: 1, updated: 0 });
    await expect(imports.commit({ previewId: second.previewId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes nothing when a booking changed between preview and commit', async () => {
    await previewAndCommit(await fileText('v1.json', ndjson([platformDoc(0)])));
    const preview = await imports.preview(await fileText('v2.json', ndjson([platformDoc(0, { learningFocus: 'Idioms' }), platformDoc(1)])));
    expect(preview.counts).toMatchObject({ new: 1, updated: 1 });
    await store.mutate((draft) => {
      draft.bookings[0] = { ...draft.bookings[0]!, status: 'cancelled' }; // the teacher cancelled it meanwhile
    });
    const before = await storeBytes();
    await expect(imports.commit({ previewId: preview.previewId })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('preview the file again') });
    expect(await storeBytes()).toEqual(before);
  });

  it('gives the event loop turns while it reads and checks a large file', async () => {
    const docs = Array.from({ length: 6_000 }, (_, i) => platformDoc(i, { preferenceId: `big-${i}`, googleEventId: `bigevent${i}`, _id: { $oid: hex(0x100000 + i) } }));
    const file = await fileText('big.json', ndjson(docs));
    // Slices of 1 ms, so the test does not depend on how fast the machine is.
    imports = createImportService({ store, settings, clock, log: memoryLogger(), onProgress: (p) => progress.push(p), sliceMs: 1 });
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const preview = await imports.preview(file);
      expect(preview.counts.new).toBe(6_000);
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(2);
    const checking = progress.filter((p) => p.phase === 'checking');
    expect(checking.length).toBeGreaterThan(2);
    expect(checking.at(-1)).toEqual({ done: 6_000, total: 6_000, phase: 'checking' });
  });
});

describe('CSV export round trip', () => {
  const someBookings = (): Booking[] =>
    makeBookings(40).map((b, i) => ({
      ...b,
      // Text that needs quoting, a formula-looking name, a manual booking without platform ids.
      learningFocus: i % 5 === 0 ? 'Commas, "quotes"\nand lines' : b.learningFocus,
      bookedBy: i === 3 ? { name: '=HYPERLINK("http://x")', email: b.bookedBy.email } : b.bookedBy,
      ...(i === 7 ? { source: 'manual' as const, preferenceId: null, platformId: null } : {}),
    }));

  it('exports bookings that import into an empty desk as the same bookings, and into the same desk as unchanged', async () => {
    const originals = someBookings();
    await store.mutate((draft) => void draft.bookings.push(...originals));
    const exported = buildExport(store.list(), { from: '2026-01-01', to: '2026-12-31', format: 'csv' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: NOW });
    expect(exported.count).toBe(40);
    const file = await fileText(exported.suggestedName, exported.content);

    const same = await previewAndCommit(file);
    expect(same.preview.counts).toEqual({ new: 0, updated: 0, unchanged: 40, invalid: 0 });

    const other = await openBookingStore({ dataDir: join(dir, 'other'), clock });
    try {
      const intoEmpty = createImportService({ store: other, settings, clock, log: memoryLogger() });
      const preview = await intoEmpty.preview(file);
      expect(preview.counts).toEqual({ new: 40, updated: 0, unchanged: 0, invalid: 0 });
      await intoEmpty.commit({ previewId: preview.previewId });
      expect(other.list()).toEqual(store.list());
    } finally {
      await other.close();
    }
  });

  it('leaves an empty learning focus alone (CSV cannot tell it from none)', async () => {
    await store.mutate((draft) => void draft.bookings.push({ ...makeBookings(1)[0]!, learningFocus: '' }));
    const exported = buildExport(store.list(), { from: '2026-01-01', to: '2026-12-31', format: 'csv' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: NOW });
    const { preview } = await previewAndCommit(await fileText('focus.csv', exported.content));
    expect(preview.counts).toEqual({ new: 0, updated: 0, unchanged: 1, invalid: 0 });
  });

  it('reads a CSV saved by a Spanish-locale spreadsheet (semicolons) and the platform column names', async () => {
    const csv = '_id;preferenceId;studentName;studentEmail;startTime;endTime;classType;maxParticipants;classPrice;htmlLink;participantsIds\r\n' +
      'ObjectId(65a1b2c3d4e5f6a7b8c9d0e1);pref-semi;Ana;ana@example.com;2026-12-01T20:00:00.000Z;2026-12-01T21:00:00.000Z;grupal;3;36000;https://meet.google.com/abc-defg-hij;[{"$oid":"u2"},{"$oid":"u3"}]\r\n';
    const { preview } = await previewAndCommit(await fileText('semi.csv', csv));
    expect(preview.counts).toEqual({ new: 1, updated: 0, unchanged: 0, invalid: 0 });
    expect(store.list()[0]).toMatchObject({ platformId: '65a1b2c3d4e5f6a7b8c9d0e1', meetLink: 'https://meet.google.com/abc-defg-hij', participants: [{ platformUserId: 'u2' }, { platformUserId: 'u3' }], startTime: '2026-12-01T17:00:00-03:00' });
  });
});
