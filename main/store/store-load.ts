import type { Low } from 'lowdb';
import { EMPTY_CALENDAR_STATE } from '../../shared/calendar';
import type { Notice } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { fileVersion, migrateToCurrent } from './migrations';
import { CURRENT_SCHEMA_VERSION, type StoreData } from './store-data';
import { copyAside, fileStamp, moveAside } from './store-file';
import { UnreadableStoreError } from './store-json';
import { StoreDataError, toCalendarState, toStoredBookings } from './store-validation';

export function emptyStoreData(): StoreData {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, bookings: [], calendar: { ...EMPTY_CALENDAR_STATE, busyBlocks: [] } };
}

interface LoadContext {
  db: Low<StoreData>;
  filePath: string;
  clock: Clock;
  log: Logger;
  notices: Notice[];
}

/** The bookings file is never overwritten when it cannot be used: it is moved aside, byte for byte, and the teacher is told. */
async function setAside(ctx: LoadContext, kind: Notice['kind'], name: string, explain: (keptAs: string) => string): Promise<StoreData> {
  let keptAs: string;
  try {
    keptAs = await moveAside(ctx.filePath, `${name}-${fileStamp(ctx.clock())}`);
  } catch (error) {
    // Starting empty would overwrite the file at the first save: refuse to start instead.
    throw new AppError('STORE_ERROR', `${explain(ctx.filePath)} Moving it aside failed too (${(error as Error).message}), so Teacher Desk stopped rather than risk overwriting it.`, { cause: error });
  }
  const message = explain(keptAs);
  ctx.notices.push({ kind, message, keptAs });
  ctx.log.warn('bookings file kept aside', { kind, keptAs, message });
  return emptyStoreData();
}

function damaged(ctx: LoadContext, reason: string): Promise<StoreData> {
  const empty = /empty \(0 bytes\)|only blank space/.test(reason);
  return setAside(ctx, 'store-damaged', 'bookings.damaged', (keptAs) =>
    `The bookings file could not be read because ${reason}. It was kept unchanged as ${keptAs}, and Teacher Desk started with no bookings.` +
    (empty ? ' The file held no bookings, so none were lost.' : ''),
  );
}

function newer(ctx: LoadContext, version: number): Promise<StoreData> {
  return setAside(ctx, 'store-newer-version', `bookings.v${version}-newer`, (keptAs) =>
    `The bookings file was written by a newer Teacher Desk (file version ${version}; this version reads up to ${CURRENT_SCHEMA_VERSION}). ` +
    `It was kept unchanged as ${keptAs}, and Teacher Desk started with no bookings. To see them again, update Teacher Desk and put that file back as bookings.json.`,
  );
}

function validate(raw: Record<string, unknown>): StoreData {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, bookings: toStoredBookings(raw.bookings), calendar: toCalendarState(raw.calendar) };
}

/**
 * Reads bookings.json through lowdb and returns valid, current-version data:
 * an older file is migrated (a copy of the original kept first) and written
 * back; a damaged file or one from a newer version is set aside.
 */
export async function loadStoreData(ctx: LoadContext): Promise<StoreData> {
  const { db, filePath, log } = ctx;
  const fallback = db.data;
  try {
    await db.read();
  } catch (error) {
    if (error instanceof UnreadableStoreError) return damaged(ctx, error.reason);
    throw error;
  }
  if (db.data === fallback) return emptyStoreData(); // no file yet
  const raw = db.data as unknown as Record<string, unknown>;

  const version = fileVersion(raw);
  if (version === undefined) return damaged(ctx, 'it is not a Teacher Desk bookings file (it has no valid schemaVersion)');
  if (version > CURRENT_SCHEMA_VERSION) return newer(ctx, version);

  if (version === CURRENT_SCHEMA_VERSION) {
    try {
      return validate(raw);
    } catch (error) {
      if (error instanceof StoreDataError) return damaged(ctx, `it holds data Teacher Desk cannot accept (${error.message})`);
      throw error;
    }
  }

  const migrated = migrateToCurrent(raw, version);
  let data: StoreData;
  try {
    data = validate(migrated.data);
  } catch (error) {
    if (error instanceof StoreDataError) {
      return damaged(ctx, `it is a version ${version} file holding data Teacher Desk cannot accept even after upgrading it (${error.message})`);
    }
    throw error;
  }
  const backup = await copyAside(filePath, `bookings.v${version}-backup-${fileStamp(ctx.clock())}`);
  db.data = data;
  try {
    await db.write();
  } catch (error) {
    throw new AppError('STORE_ERROR', `The bookings file is in an older format and could not be upgraded: saving it failed (${(error as Error).message}). It was not changed.`, { cause: error });
  }
  for (const note of migrated.notes) log.warn('bookings file upgrade', { note });
  log.info('bookings file upgraded', { from: version, to: CURRENT_SCHEMA_VERSION, steps: migrated.steps, backup, bookings: data.bookings.length });
  return data;
}
