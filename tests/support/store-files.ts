import { readFile, stat } from 'node:fs/promises';
import type { BookingStore } from '../../main/store/booking-store';

/** A file's bytes and modification time (nanoseconds), or nulls when it does not exist. */
export interface FileState {
  bytes: Buffer | null;
  mtimeNs: bigint | null;
}

export async function fileState(path: string): Promise<FileState> {
  try {
    return { bytes: await readFile(path), mtimeNs: (await stat(path, { bigint: true })).mtimeNs };
  } catch {
    return { bytes: null, mtimeNs: null };
  }
}

/** The store's snapshot and journal as they are on disk: equal before and after shows nothing was written. */
export async function filesOf(store: Pick<BookingStore, 'filePath' | 'journalPath'>): Promise<FileState[]> {
  return [await fileState(store.filePath), await fileState(store.journalPath)];
}
