import type { Booking } from '../../shared/booking';
import type { Row } from './booking-index';
import { trustedBooking } from './store-validation';

/** id, start and end instants (ms), Google event id, preferenceId. */
export type SnapshotKey = [string, number, number, string | null, string | null];

/**
 * One stored booking as the store holds it: its keys always, the booking
 * object once something asked for it. A row read from a snapshot the store
 * proved intact (checksum) keeps only where its JSON is in the file's bytes
 * until then, so opening 20,000 bookings neither decodes nor parses 20,000
 * bookings before the week shows.
 */
export class StoredRow implements Row {
  private parsed: Booking | null = null;
  private source: { bytes: Buffer; start: number; end: number } | null = null;

  private constructor(
    readonly id: string,
    readonly start: number,
    readonly end: number,
    readonly eventId: string | null,
    readonly preferenceId: string | null,
  ) {}

  /** A row for a booking already validated and frozen (toStoredBooking). */
  static of(booking: Booking): StoredRow {
    const row = new StoredRow(booking.id, Date.parse(booking.startTime), Date.parse(booking.endTime), booking.googleEventId, booking.preferenceId);
    row.parsed = booking;
    return row;
  }

  /** A row of a trusted snapshot: keys from its key table, the booking's bytes decoded and parsed on first use. */
  static lazy(key: SnapshotKey, bytes: Buffer, start: number, end: number): StoredRow {
    const row = new StoredRow(key[0], key[1], key[2], key[3], key[4]);
    row.source = { bytes, start, end };
    return row;
  }

  get isParsed(): boolean {
    return this.parsed !== null;
  }

  get booking(): Booking {
    if (this.parsed === null) {
      const line = this.sourceText();
      this.parsed = trustedBooking(JSON.parse(line) as Booking, line); // the JSON stays cached with the booking (storedJson)
      this.source = null;
    }
    return this.parsed;
  }

  /** The row's line in a snapshot's key table. */
  get key(): SnapshotKey {
    return [this.id, this.start, this.end, this.eventId, this.preferenceId];
  }

  /** The booking's JSON, without parsing a row that was never parsed. */
  json(serialize: (b: Booking) => string): string {
    return this.parsed ? serialize(this.parsed) : this.sourceText();
  }

  private sourceText(): string {
    const { bytes, start, end } = this.source!;
    return bytes.toString('utf8', start, end);
  }
}
