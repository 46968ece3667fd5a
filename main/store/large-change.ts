import type { Booking } from '../../shared/booking';
import { compareRows } from './booking-index';
import { StoredRow } from './row';
import type { Breathe } from './slices';
import { storedJson } from './store-validation';

/**
 * The parts of a large change (README "Large changes") that need none of
 * the store's state: its bookings cut into batches, each serialized and
 * made into rows in start order, in slices; and merging row lists.
 */

export interface Batch {
  put: Booking[];
  /** The bookings' JSON, as a journal line carries them. */
  json: string[];
  /** Their rows, in start order. */
  rows: StoredRow[];
}

export async function toBatches(put: readonly Booking[], batchRows: number, breathe: Breathe): Promise<{ batches: Batch[]; bytes: number }> {
  const batches: Batch[] = [];
  let bytes = 0;
  for (let from = 0; from < put.length; from += batchRows) {
    const batch: Batch = { put: put.slice(from, from + batchRows), json: [], rows: [] };
    for (let i = 0; i < batch.put.length; i++) {
      if (i % 64 === 63) await breathe();
      const booking = batch.put[i]!;
      const json = storedJson(booking);
      batch.json.push(json);
      batch.rows.push(StoredRow.of(booking));
      bytes += json.length;
    }
    batch.rows.sort(compareRows);
    batches.push(batch);
    await breathe();
  }
  return { batches, bytes };
}

/** Two row lists in start order, merged. */
export function mergeRows(a: readonly StoredRow[], b: readonly StoredRow[]): StoredRow[] {
  const out = new Array<StoredRow>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareRows(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
