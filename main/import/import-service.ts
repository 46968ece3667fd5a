import { randomUUID } from 'node:crypto';
import type { ImportPreview } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import type { Settings } from '../../shared/settings';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { StoreData } from '../store/store-data';
import { applyPlan, applyUnchanged, type ReadyChanges } from './apply-plan';
import { checkBooking, planImport, type BookingLookup, type ImportPlan, type PlanItem, type PlanNote } from './import-plan';
import { timeSlicer, type TimeSlicer } from './next-turn';
import { mergePayment, samePayment } from './payment-docs';
import { withKnownPayments } from './payment-join';
import { memoryPaymentLedger, type PaymentLedger } from './payment-ledger';
import { planPayments } from './payment-plan';
import { readRowsInWorker, type RowReading } from './worker-rows';
import { sourceImportWorker } from './worker-thread';
import type { Payment } from '../../shared/booking';

/**
 * Import in two steps, as the IPC contract has them: preview (read, check,
 * count; nothing written) and commit (the previewed valid rows, in one
 * store mutation, all or nothing: the store writes a large one in batches
 * made whole by a last commit line, main/store/README.md "Large changes").
 * One preview is kept at a time.
 */

/** What the import needs of the booking store (main/store/booking-store.ts's BookingStore has it). */
export interface ImportTarget extends BookingLookup {
  mutate<T>(fn: (draft: StoreData) => T): Promise<T>;
  /** The same number means the very same state (booking-store.ts). */
  version(): number;
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
  /** How long one slice of work may hold the event loop; 25 ms. */
  sliceMs?: number;
  /** Platform payments read so far, so a payments file and a classes file join in either order; in memory unless given. */
  payments?: PaymentLedger;
  /** The import worker's file: the Electron build's out/main/import-worker.cjs; its TypeScript source otherwise. */
  workerFile?: string;
}

export interface ImportService {
  /** Reads and checks the file; nothing is written. Replaces any earlier preview. Throws ImportRefusedError (INVALID_REQUEST) for a file it cannot read. */
  preview(request: { fileName: string; content: string }): Promise<ImportPreviewWithNotes>;
  /** Imports the previewed valid rows in one store mutation. NOT_FOUND for an unknown or replaced preview; CONFLICT if the bookings changed since. */
  commit(request: { previewId: string }): Promise<{ created: number; updated: number }>;
  /** Stops a preview still reading (it rejects with CANCELLED) and forgets the held one (the teacher closed the dialog), so its rows do not stay in memory. */
  discard(): void;
}

interface HeldPreview {
  previewId: string;
  fileName: string;
  plan: ImportPlan;
  /** The file's platform payments, recorded in the ledger at commit. */
  payments: Map<string, Payment>;
  /** The store's version when the plan began: unchanged at commit means the plan was made on exactly those bookings. */
  version: number;
}

export function createImportService(deps: ImportServiceDeps): ImportService {
  const { store, clock, log } = deps;
  const newId = deps.newId ?? randomUUID;
  const report = (phase: ImportPhase) => (done: number, total: number) => deps.onProgress?.({ done, total, phase });
  let held: HeldPreview | null = null;
  const slicer = () => timeSlicer(deps.sliceMs);
  const ledger = deps.payments ?? memoryPaymentLedger();
  const workerFile = deps.workerFile ?? sourceImportWorker();
  // The preview still reading, if any: a newer preview or discard() stops it.
  let reading: RowReading | null = null;

  return {
    async preview({ fileName, content }) {
      const settings = deps.settings();
      const started = Date.now();
      reading?.cancel();
      // Parsing and reading the rows happen in the worker; matching them to the desk's bookings and its payments here.
      const current = readRowsInWorker(workerFile, { fileName, content, timeZone: settings.timeZone }, report('reading'));
      reading = current;
      try {
        const rows = await current.opened;
        const version = store.version();
        let plan: ImportPlan;
        let payments: Map<string, Payment>;
        let paymentsToKeep = 0;
        if (rows.kind === 'payments') {
          const paid = await planPayments(rows, store, { now: clock(), onProgress: report('checking'), slicer: slicer() });
          plan = paid;
          payments = paid.payments;
          for (const id of paid.unmatched) {
            const known = ledger.get(id);
            if (!samePayment(known, mergePayment(known, paid.payments.get(id)))) paymentsToKeep++;
          }
        } else {
          plan = await planImport(withKnownPayments(rows, ledger), store, { now: clock(), defaultSummary: settings.classDefaults.summary, newId, onProgress: report('checking'), slicer: slicer() });
          payments = rows.payments;
        }
        const previewId = randomUUID();
        held = { previewId, fileName, plan, payments, version };
        const format = rows.format();
        log.info('import previewed', { format, ...plan.counts, notes: plan.notes.length, ms: Date.now() - started });
        return { previewId, fileName, format, counts: { ...plan.counts }, invalid: plan.invalid, notes: plan.notes, ...(paymentsToKeep > 0 ? { paymentsToKeep } : {}) };
      } catch (error) {
        // The worker failed (not a refused file, not a cancel): what the teacher is told to find in the log.
        if (error instanceof AppError && error.code === 'INTERNAL') log.error('import worker failed', { fileName, error: String((error.cause as Error | undefined)?.stack ?? error.cause ?? error.message) });
        throw error;
      } finally {
        current.cancel();
        if (reading === current) reading = null;
      }
    },

    discard() {
      reading?.cancel();
      reading = null;
      held = null;
    },

    async commit({ previewId }) {
      const current = held;
      if (!current || current.previewId !== previewId) {
        throw new AppError('NOT_FOUND', 'This import preview is no longer available (another file was previewed, or it was imported already). Choose the file again.');
      }
      // Taken before the first await, so a second commit of the same preview finds nothing.
      held = null;
      const changes = current.plan.items.filter((item) => item.kind !== 'unchanged');
      try {
        // First the ledger: a payment is never lost, and recording one twice changes nothing.
        if (current.payments.size > 0) await ledger.record(current.payments);
        if (changes.length === 0) return { created: 0, updated: 0 };
        const ready = await prepare(changes, clock(), report('saving'), slicer());
        // Unchanged since the preview began: nothing to check again inside the (synchronous) mutation; else every item is.
        const result = await store.mutate((draft) => (store.version() === current.version ? applyUnchanged(draft, ready.changes) : applyPlan(draft, ready.items)));
        report('saving')(changes.length, changes.length);
        log.info('import committed', result);
        return result;
      } catch (error) {
        // A failed write (disk full) leaves the preview for another try, unless a newer one replaced it; a conflict needs a new preview.
        if (held === null && !(error instanceof AppError && error.code === 'CONFLICT')) held = current;
        throw error;
      }
    },
  };
}

/**
 * The commit's own slow part, in chunks with turns of the event loop
 * between them, so the mutator (synchronous by design) only checks and
 * swaps: updated bookings get the commit's time and are validated now; new
 * ones were validated by the preview. Serializing is the store's: it does it
 * in its own slices, a batch at a time, as it writes them.
 */
async function prepare(
  changes: readonly PlanItem[],
  now: Date,
  progress: (done: number, total: number) => void,
  slicer: TimeSlicer,
): Promise<{ items: PlanItem[]; changes: ReadyChanges }> {
  const stamp = now.toISOString();
  const items: PlanItem[] = [];
  const ready: ReadyChanges = { added: [], updated: new Map() };
  const CHUNK = 100;
  for (let from = 0; from < changes.length; from += CHUNK) {
    for (const item of changes.slice(from, from + CHUNK)) {
      if (item.kind === 'new') ready.added.push(item.booking);
      if (item.kind !== 'updated') {
        items.push(item);
        continue;
      }
      const checked = checkBooking({ ...item.booking, updatedAt: stamp }, `line ${item.line}`);
      // Only the stamp changed since the preview validated it.
      if (!checked.ok) throw new AppError('INTERNAL', `An imported booking became invalid: ${checked.reason}`);
      items.push({ ...item, booking: checked.booking });
      ready.updated.set(item.before.id, checked.booking);
    }
    if (slicer.due()) {
      progress(items.length, changes.length);
      await slicer.breathe();
    }
  }
  return { items, changes: ready };
}
