import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDirectory, writeFileAtomic } from './store-file';

/**
 * The journal on disk: appends that are durable when they resolve (write,
 * then fdatasync), and the two ways it is cut short: back to its intact
 * part (a torn tail) and down to the lines a compaction did not cover.
 */
export class JournalFile {
  private handle: FileHandle | null = null;

  constructor(
    readonly path: string,
    /** Bytes in the file: what load found intact, then what was appended. */
    public size: number,
  ) {}

  async append(line: string): Promise<void> {
    const creating = this.size === 0;
    const handle = this.handle ?? (this.handle = await open(this.path, 'a', 0o600));
    const bytes = Buffer.from(line, 'utf8');
    try {
      await handle.write(bytes);
      await handle.datasync();
    } catch (error) {
      // Leave no half line behind for the next append to follow.
      await handle.truncate(this.size).catch(() => undefined);
      await this.close();
      throw error;
    }
    this.size += bytes.length;
    // A new file's name must survive a power cut too.
    if (creating) await syncDirectory(dirname(this.path)).catch(() => undefined);
  }

  /** Replaces the journal, atomically, with `text` (the lines a compaction did not cover). */
  async replace(text: string): Promise<void> {
    await this.close();
    await writeFileAtomic(this.path, text);
    this.size = Buffer.byteLength(text, 'utf8');
  }

  /** Cuts the file back to its first `length` bytes (a torn tail), durably. */
  async truncate(length: number): Promise<void> {
    await this.close();
    const handle = await open(this.path, 'r+');
    try {
      await handle.truncate(length);
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.size = length;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }
}
