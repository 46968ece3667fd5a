import { randomUUID } from 'node:crypto';
import type { Booking } from '../../shared/booking';
import type { ImportPreview } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import type { Settings } from '../../shared/settings';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { StoreData } from '../store/store-data';
import { applyPlan } from './apply-plan';
import { planImport, type ImportPlan, type PlanNote } from './import-plan';
import { readImportFile } from './read-file';

/**
 * Import in two steps, as the IPC contract has them: preview (read, check,
 * count; nothing written) and commit (the previewed valid rows, in one
 * store mutation, all or nothing). One preview is kept at a time.
 */

/** What the import needs of the booking store (main/store/booking-store.ts's BookingStore has it). */
export interface ImportTarget {
  list(): readonly Booking[];
  mutate<T>(fn: (draft: StoreData) => T): Promise<T>;
}

export type ImportPhase = 'reading' | 'checking' | 'saving';
export interface ImportProgress {
  done: number;
  total: number;
  phase: ImportPhase;
}

/** The contract's preview, plus notes: rows imported with a caveat (unpaid, a dropped access code, the desk's status kept…). */
export interface ImportPreviewWithNotes extends ImportPreview {
  notes: PlanNote[];
}

export interface ImportServiceDeps {
  store: ImportTarget;
  /** Read on every preview: the teacher may change the zone at any time. */
  settings: () => Pick<Settings, 'timeZone' | 'classDefaults'>;
  clock: Clock;
  log: Logger;
  /** Called between chunks; the app forwards it as the `importProgress` event. */
  onProgress?: (progress: ImportProgress) => void;
  /** Ids for new bookings; randomUUID unless a test pins them. */
  newId?: () => string;
}

export interface ImportService {
  preview(request: { fileName: string; content: string }): Promise<ImportPreviewWithNotes>;
  commit(request: { previewId: string }): Promise<{ created: number; updated: number }>;
}

interface HeldPreview {
  previewId: string;
  fileName: string;
  plan: ImportPlan;
}

export function createImportService(deps: ImportServiceDeps): ImportService {
  const { store, clock, log } = deps;
  const newId = deps.newId ?? randomUUID;
  const report = (phase: ImportPhase) => (done: number, total: number) => deps.onProgress?.({ done, total, phase });
  let held: HeldPreview | null = null;

  return {
    async preview({ fileName, content }) {
      const settings = deps.settings();
      const started = Date.now();
      const read = await readImportFile(fileName, content, report('reading'));
      const plan = await planImport(
        read.rows,
        { timeZone: settings.timeZone, companion: read.companion, fromPlatform: read.format !== 'csv' },
        store.list(),
        { now: clock(), defaultSummary: settings.classDefaults.summary, newId, onProgress: report('checking') },
      );
      const previewId = randomUUID();
      held = { previewId, fileName, plan };
      log.info('import previewed', { format: read.format, ...plan.counts, notes: plan.notes.length, ms: Date.now() - started });
      return { previewId, fileName, format: read.format, counts: { ...plan.counts }, invalid: plan.invalid, notes: plan.notes };
    },

    async commit({ previewId }) {
      const current = held;
      if (!current || current.previewId !== previewId) {
        throw new AppError('NOT_FOUND', 'This import preview is no longer available (another file was previewed, or it was imported already). Choose the file again.');
      }
      // Taken before the first await, so a second commit of the same preview finds nothing.
      held = null;
      const changes = current.plan.items.filter((item) => item.kind !== 'unchanged');
      if (changes.length === 0) return { created: 0, updated: 0 };
      const progress = report('saving');
      progress(0, changes.length);
      try {
        const result = await store.mutate((draft) => applyPlan(draft, changes, clock()));
        progress(changes.length, changes.length);
        log.info('import committed', result);
        return result;
      } catch (error) {
        // A failed write (disk full, a conflict) leaves the preview for another try, unless a newer one replaced it.
        if (held === null && !(error instanceof AppError && error.code === 'CONFLICT')) held = current;
        throw error;
      }
    },
  };
}
