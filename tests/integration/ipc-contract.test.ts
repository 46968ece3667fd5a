import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Method } from '../../shared/ipc/contract';
import { startHarness, type Harness } from '../harness/start';
import { TOKEN_HEADER } from '../harness/loopback-transport';
import { aNewBooking } from '../support/booking-fixture';

let harness: Harness;
let dataDir: string;

async function post(channel: string, body: string | undefined, headers: Record<string, string> = {}) {
  const response = await fetch(`${harness.server.url}ipc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: harness.server.token, ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** Every file of the data directory with its hash: "changes nothing" means this stays equal. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-ipc-'));
  harness = await startHarness({ TEACHER_DESK_DATA_DIR: dataDir }, () => {});
  // Put something in the store and the settings, so there is something to damage.
  const created = await post(contract.createBooking.channel, JSON.stringify(aNewBooking()));
  expect(JSON.parse(created.text).ok).toBe(true);
  await post(contract.updateSettings.channel, JSON.stringify({ locale: 'en' }));
});

afterAll(async () => {
  await harness?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const badPayloads: [string, string | undefined][] = [
  ['a number', '42'],
  ['a string', '"hello"'],
  ['null', 'null'],
  ['an array', '[]'],
  ['an object with a stray field', '{"unexpected":true}'],
  ['no body', undefined],
];

describe('every channel refuses a bad payload with { code, message } and changes nothing', () => {
  for (const method of Object.keys(contract) as Method[]) {
    const { channel } = contract[method];
    it.each(badPayloads)(`${channel}: %s`, async (_name, body) => {
      const before = await snapshot(dataDir);
      const { status, text } = await post(channel, body);
      expect(status).toBe(200);
      const reply = JSON.parse(text);
      expect(reply.ok).toBe(false);
      expect(reply.error.code).toBe('INVALID_REQUEST');
      expect(reply.error.message).toMatch(new RegExp(`^Request on ${channel} refused: .+`));
      expect(Object.keys(reply.error).sort()).toEqual(['code', 'message']);
      expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
      expect(await snapshot(dataDir)).toEqual(before);
    });
  }

  it('says which field is wrong', async () => {
    const { text } = await post(contract.updateSettings.channel, JSON.stringify({ timeZone: 'Mars/Olympus_Mons' }));
    expect(JSON.parse(text).error.message).toContain('timeZone: "Mars/Olympus_Mons" is not an IANA time zone');
  });

  it('refuses a body that is not JSON', async () => {
    const { status, text } = await post(contract.getSettings.channel, '{not json');
    expect(status).toBe(400);
    expect(JSON.parse(text).error.code).toBe('INVALID_REQUEST');
  });

  it('refuses an unknown channel', async () => {
    const { text } = await post('bookings:drop-all', '{}');
    expect(JSON.parse(text).error).toEqual({ code: 'UNKNOWN_CHANNEL', message: 'There is no channel named "bookings:drop-all".' });
  });
});

describe('the loopback transport', () => {
  it('answers a good request', async () => {
    const { text } = await post(contract.getSettings.channel, '{}');
    expect(JSON.parse(text)).toMatchObject({ ok: true, value: { locale: 'en', calendarId: 'primary' } });
  });

  it('refuses a request without the run token', async () => {
    const { status } = await post(contract.getSettings.channel, '{}', { [TOKEN_HEADER]: 'wrong' });
    expect(status).toBe(403);
  });

  it('refuses a cross-origin request', async () => {
    const { status } = await post(contract.getSettings.channel, '{}', { origin: 'https://evil.example' });
    expect(status).toBe(403);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((done, fail) => {
      const req = request(`${harness.server.url}ipc/settings:get`, { method: 'POST', headers: { host: `evil.example:${harness.server.port}`, [TOKEN_HEADER]: harness.server.token } }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      });
      req.on('error', fail);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('listens on 127.0.0.1 only', () => {
    expect(harness.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});
