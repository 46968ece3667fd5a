import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from './logger';

/** Appends one line per entry to a log file and echoes it to stderr. Callers never pass secrets. */
export function createFileLogger(file: string): Logger {
  mkdirSync(dirname(file), { recursive: true });
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const line = `${new Date().toISOString()} ${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`;
    try {
      appendFileSync(file, line);
    } catch {
      // A log that cannot be written must not stop the app.
    }
    process.stderr.write(line);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
