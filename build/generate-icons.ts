/**
 * Writes the packaging icons from the drawing in main/desktop/icon.ts:
 *   build/icon.png              1024×1024 (electron-builder makes the macOS .icns and Windows .ico from it)
 *   build/icons/<n>x<n>.png     the Linux icon set
 * Run: npx tsx build/generate-icons.ts   (tests/unit/desktop-icon.test.ts checks the files match the drawing)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ICON_SIZE, iconPng, LINUX_ICON_SIZES } from '../main/desktop/icon';

const dir = import.meta.dirname;
mkdirSync(join(dir, 'icons'), { recursive: true });
writeFileSync(join(dir, 'icon.png'), iconPng(APP_ICON_SIZE, 'color'));
for (const size of LINUX_ICON_SIZES) writeFileSync(join(dir, 'icons', `${size}x${size}.png`), iconPng(size, 'color'));
console.log(`icons written to ${dir}`);
