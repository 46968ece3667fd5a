import { AppError } from '../../shared/ipc/errors';

/** A file refused as a whole: nothing was changed, and `reason` says why in words for the teacher. */
export class ImportRefusedError extends AppError {
  constructor(
    readonly fileName: string,
    readonly reason: string,
  ) {
    super('INVALID_REQUEST', `"${fileName}" cannot be imported: ${reason}.`);
  }
}
