import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { APP_ICON_SIZE, drawIcon, iconPng, LINUX_ICON_SIZES, pngScanlines } from '../../main/desktop/icon';

const root = join(import.meta.dirname, '../..');

/** Width, height and the inflated scanlines of a PNG written by encodePng (one IDAT). */
function readPng(file: Buffer) {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('ascii', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  return { width, height, scanlines: inflateSync(Buffer.concat(data)) };
}

describe('icons', () => {
  it('encodes a valid RGBA PNG', () => {
    const png = readPng(iconPng(32, 'color'));
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(png.scanlines).toEqual(pngScanlines(32, 32, drawIcon(32, 'color')));
  });

  it('draws the macOS template icon black on transparent', () => {
    const pixels = drawIcon(32, 'template');
    for (let i = 0; i < pixels.length; i += 4) expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([0, 0, 0]);
    expect(pixels.some((_, i) => i % 4 === 3 && pixels[i] === 0)).toBe(true);
    expect(pixels.some((_, i) => i % 4 === 3 && pixels[i] === 255)).toBe(true);
  });

  it('has the packaging icons in build/ as drawn (run `npx tsx build/generate-icons.ts` after changing the drawing)', () => {
    const files: [string, number][] = [['build/icon.png', APP_ICON_SIZE], ...LINUX_ICON_SIZES.map((size): [string, number] => [`build/icons/${size}x${size}.png`, size])];
    for (const [path, size] of files) {
      const png = readPng(readFileSync(join(root, path)));
      expect([png.width, png.height], path).toEqual([size, size]);
      expect(png.scanlines.equals(pngScanlines(size, size, drawIcon(size, 'color'))), path).toBe(true);
    }
  });
});
