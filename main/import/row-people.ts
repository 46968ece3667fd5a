import { ParticipantSchema, PersonSchema, describeIssues, type Participant, type Person } from '../../shared/booking';
import type { Companion } from './read-file';
import { RowError, readId, readText } from './row-fields';

/**
 * Who a row is about. The platform's VirtualClass has only bookedById: the
 * student's name and e-mail come from an export joined with User
 * (`bookedBy`), the CSV's studentName / studentEmail, or the companion
 * file's users. A row without them cannot make a new booking (the desk
 * needs someone to confirm with), but can still update one it matches.
 */

const NO_STUDENT =
  "no student name and e-mail: the platform's VirtualClass holds only bookedById; export the classes joined with their User (bookedBy: { name, email }), add studentName and studentEmail columns, or import the { virtualClasses, users, payments } file";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readPerson(f: Record<string, unknown>, bookedById: string | null, companion: Companion | null): { bookedBy: Person | undefined; why: string } {
  const joined = isRecord(f.bookedBy) ? f.bookedBy : {};
  let name = readText('bookedBy.name', joined.name) ?? readText('studentName', f.studentName) ?? null;
  let email = readText('bookedBy.email', joined.email) ?? readText('studentEmail', f.studentEmail) ?? null;
  let why = NO_STUDENT;
  let details = studentDetails(joined, f);
  if (name === null && email === null && bookedById !== null && companion) {
    const user = companion.users.get(bookedById);
    if (user) {
      name = readText('user name', user.name) ?? null;
      email = readText('user email', user.email) ?? null;
      details = studentDetails(user, {});
    } else {
      why = `no student: its bookedById ${bookedById} is not among the file's users`;
    }
  }
  if (name === null && email === null) return { bookedBy: undefined, why };
  if (name === null) throw new RowError(`the student's name is missing (e-mail ${email})`);
  if (email === null) throw new RowError(`the student's e-mail is missing (name ${name})`);
  const person = PersonSchema.safeParse({ name, email, ...details });
  if (!person.success) throw new RowError(`student: ${describeIssues(person.error)} ("${email}")`);
  return { bookedBy: person.data, why };
}

/**
 * The student's level, town and phone: the platform's User fields (nivel,
 * localidad, telefono) on a joined bookedBy or a companion user, or the
 * desk CSV's studentLevel / studentTown / studentPhone. Text that does not
 * fit (too long) is left out rather than refusing the class.
 */
function studentDetails(user: Record<string, unknown>, f: Record<string, unknown>): Pick<Person, 'level' | 'town' | 'phone'> {
  const out: Pick<Person, 'level' | 'town' | 'phone'> = {};
  const take = (key: 'level' | 'town' | 'phone', max: number, ...values: unknown[]) => {
    for (const value of values) {
      const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
      if (text && text.length <= max) {
        out[key] = text;
        return;
      }
    }
  };
  take('level', 50, user.nivel, user.level, f.studentLevel);
  take('town', 200, user.localidad, user.town, f.studentTown);
  take('phone', 50, user.telefono, user.phone, f.studentPhone);
  return out;
}

/** Other students of the class: the desk's `participants` (JSON), or the platform's `participantsIds`; the host is bookedBy, not a participant. */
export function readParticipants(f: Record<string, unknown>, bookedById: string | null, companion: Companion | null): Participant[] | undefined {
  let list: Participant[];
  if (f.participants !== undefined && f.participants !== null && f.participants !== '') {
    let value = f.participants;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        throw new RowError('participants is not a JSON list like [{"platformUserId":"…"}]');
      }
    }
    if (!Array.isArray(value)) throw new RowError('participants is not a list');
    list = value.map((item) => {
      const parsed = ParticipantSchema.safeParse(typeof item === 'string' ? { platformUserId: item } : item);
      if (!parsed.success) throw new RowError(`participants: ${describeIssues(parsed.error)}`);
      return parsed.data;
    });
  } else if (f.participantsIds !== undefined && f.participantsIds !== null) {
    list = readIdList(f.participantsIds)
      .filter((id) => id !== bookedById)
      .map((platformUserId) => withUser({ platformUserId }, companion));
  } else if (f.participants === '') {
    list = [];
  } else {
    return undefined;
  }
  if (list.length > 5) throw new RowError(`${list.length} participants, a class takes at most 5`);
  return list;
}

function readIdList(value: unknown): string[] {
  let items: unknown = value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return [];
    if (text.startsWith('[')) {
      try {
        items = JSON.parse(text);
      } catch {
        throw new RowError('participantsIds is not a list of ids');
      }
    } else {
      items = text.split(/[\s;,]+/);
    }
  }
  if (!Array.isArray(items)) throw new RowError('participantsIds is not a list of ids');
  return items
    .map((item) => (isRecord(item) && typeof item.$oid === 'string' ? item.$oid : readId('participantsIds', item)))
    .filter((id): id is string => typeof id === 'string' && id !== '');
}

function withUser(participant: Participant, companion: Companion | null): Participant {
  const user = participant.platformUserId ? companion?.users.get(participant.platformUserId) : undefined;
  if (!user) return participant;
  const name = readText('user name', user.name);
  const email = readText('user email', user.email);
  const out: Participant = { ...participant };
  if (name) out.name = name.slice(0, 200);
  if (email && PersonSchema.shape.email.safeParse(email).success) out.email = email;
  return out;
}
