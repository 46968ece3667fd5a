import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * The child's side of a crash test (the parent's: crash-child.ts): the
 * child tells, through a one-byte file the parent names, whether it is
 * inside a write, and tells the parent on stdout when its loop begins and
 * when it enters a write.
 */

export const PHASE_FILE = 'TEACHER_DESK_CRASH_PHASE_FILE';
export const INSIDE = 'I';
const OUTSIDE = 'O';

export interface WritePhase {
  /** Tell the parent the loop has begun: the kill timer starts now. */
  ready(): void;
  /** Now inside a write: a kill from here on interrupts it (also told to the parent, which may aim at it). */
  enter(): void;
  /** Out of the write (call it before the step that completes it, e.g. the rename: a kill after it is no longer "inside"). */
  leave(): void;
}

/**
 * In the child: marks phases in a one-byte file the parent named, with a
 * synchronous positioned write, so the byte a SIGKILL leaves is the last
 * phase entered. Mark conservatively: enter once the write has really begun,
 * leave before the step that completes it.
 */
export function writePhase(): WritePhase {
  const path = process.env[PHASE_FILE];
  if (!path) throw new Error(`writePhase(): run the child through killDuringWrites() (${PHASE_FILE} is not set)`);
  const fd = openSync(path, 'w');
  const mark = (phase: string) => writeSync(fd, phase, 0);
  mark(OUTSIDE);
  process.on('exit', () => closeSync(fd));
  return {
    ready: () => process.stdout.write('ready\n'),
    enter: () => {
      mark(INSIDE);
      process.stdout.write('enter\n');
    },
    leave: () => mark(OUTSIDE),
  };
}
