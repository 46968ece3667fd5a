import { constants } from 'node:fs';
import { copyFile, lstat, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Raw file operations of the store: durable atomic writes and keeping files
 * aside without ever overwriting one. They know nothing about bookings.
 */

/** YYYYMMDD-HHmmss in UTC, so names never depend on the machine's zone. */
export function fileStamp(at: Date): string {
  const iso = at.toISOString(); // 2026-11-24T17:05:09.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** The file's bytes, or null when there is no file. Other read errors are thrown. */
export async function readBytes(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Temporary name next to the target: same directory, so rename is atomic; the pid keeps two processes apart. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

const RENAME_RETRY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);

async function renameWithRetry(from: string, to: string): Promise<void> {
  // Windows virus scanners and indexers hold files briefly; elsewhere these errors are final.
  const attempts = process.platform === 'win32' ? 10 : 1;
  for (let i = 1; ; i++) {
    try {
      return await rename(from, to);
    } catch (error) {
      if (i >= attempts || !RENAME_RETRY_CODES.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** fsync the directory so the rename itself survives a power cut; not possible on Windows, where it is skipped. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `text` so that `path` holds either the old bytes or the new ones,
 * never a mix: write a temporary file, fsync it, rename it over the target,
 * fsync the directory. (steno, lowdb's writer, does the rename but no fsync,
 * so after a power cut the renamed file can be empty on some file systems.)
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await writeFileAtomicChunks(path, [Buffer.from(text, 'utf8')]);
}

/**
 * writeFileAtomic for content made piece by piece: each chunk is written
 * (and awaited) before the next is asked for, so a large file does not hold
 * the event loop while it is built.
 */
export async function writeFileAtomicChunks(path: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'w', 0o600); // students' names and e-mails: owner only
    try {
      for await (const chunk of chunks) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // The rename has happened: the write is done. Some file systems cannot fsync a directory; that must not turn it into a failure.
  await syncDirectory(dirname(path)).catch(() => undefined);
}

/**
 * Leftover temporary files of writes a crash interrupted; the target still
 * holds the last complete write. Anything under the temporary name goes,
 * a directory too (nothing of the app's lives there). Returns only what was
 * really removed.
 */
export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const prefix = `.${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'))) {
    const full = join(dirname(path), name);
    try {
      await rm(full, { recursive: true, force: true });
      if (!(await exists(full))) removed.push(name);
    } catch {
      // Left for the next start; the store never reads these names.
    }
  }
  return removed;
}

/** `dir/<base>.json`, else `dir/<base>-2.json`, `-3`…: the first name not `taken`. */
async function freeName(dir: string, base: string, ext: string, taken: (candidate: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = join(dir, `${base}${n === 1 ? '' : `-${n}`}${ext}`);
    if (!(await taken(candidate))) return candidate;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    // Only "no such file" means the name is free; any other error, play safe.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/**
 * Moves `path` aside to `<dir>/<name>.json` (or `<name>-2.json`… if taken),
 * so the bytes stay exactly as they were. Returns the new path.
 */
export async function moveAside(path: string, name: string, ext = '.json'): Promise<string> {
  const target = await freeName(dirname(path), name, ext, exists);
  await rename(path, target);
  return target;
}

/** Copies `path` aside under a free name (never replacing a file: COPYFILE_EXCL). Returns the copy's path. */
export async function copyAside(path: string, name: string): Promise<string> {
  for (;;) {
    const target = await freeName(dirname(path), name, '.json', exists);
    try {
      await copyFile(path, target, constants.COPYFILE_EXCL);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
