import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { skipReason } from './electron-binary';

/** Says plainly when the Electron tests skip; otherwise builds the app they launch. */
export default function globalSetup(): void {
  const reason = skipReason();
  if (reason) {
    console.log(`\n  Electron tests (tests/electron): ${reason}\n`);
    return;
  }
  const root = join(import.meta.dirname, '../..');
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
