/**
 * Writes an exported file where the teacher wants it: Electron's save
 * dialog in the app (main/electron/), a folder in the browser harness, a
 * temp directory in tests. Resolves with the path written; rejects with
 * AppError('CANCELLED', …) when the teacher closes the dialog without saving.
 */
export type SaveFile = (suggestedName: string, content: string) => Promise<string>;
