import { deflateSync } from 'node:zlib';

/**
 * Teacher Desk's icon, drawn in code: a calendar page with the next class
 * marked, on a blue rounded square. The same drawing makes the packaging
 * icons in build/ (build/generate-icons.ts) and, at run time, the tray
 * icon, so no binary asset has to be downloaded or shipped by hand.
 *
 *   color     the app icon and the tray icon on Windows and Linux
 *   template  the macOS menu-bar icon: black on transparent, macOS tints it
 */
export type IconStyle = 'color' | 'template';

/** Opaque colours only: [r, g, b, 255]. */
type Rgba = readonly [number, number, number, 255];
interface Shape {
  /** Unit square coordinates: [x0, y0, x1, y1], corner radius. */
  box: readonly [number, number, number, number];
  radius: number;
  color: Rgba;
  /** A hole cut out of the shape (for outlines). */
  hole?: { box: readonly [number, number, number, number]; radius: number };
}

const BLUE: Rgba = [29, 78, 216, 255];
const NAVY: Rgba = [30, 58, 138, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [245, 158, 11, 255];
const BLACK: Rgba = [0, 0, 0, 255];

const SHAPES: Record<IconStyle, Shape[]> = {
  color: [
    { box: [0.06, 0.06, 0.94, 0.94], radius: 0.2, color: BLUE },
    { box: [0.22, 0.27, 0.78, 0.8], radius: 0.07, color: WHITE },
    { box: [0.22, 0.27, 0.78, 0.41], radius: 0.07, color: AMBER },
    { box: [0.22, 0.36, 0.78, 0.41], radius: 0, color: AMBER },
    { box: [0.34, 0.2, 0.41, 0.33], radius: 0.03, color: NAVY },
    { box: [0.59, 0.2, 0.66, 0.33], radius: 0.03, color: NAVY },
    { box: [0.31, 0.5, 0.52, 0.7], radius: 0.03, color: BLUE },
  ],
  template: [
    { box: [0.1, 0.16, 0.9, 0.9], radius: 0.12, color: BLACK, hole: { box: [0.19, 0.38, 0.81, 0.81], radius: 0.04 } },
    { box: [0.26, 0.06, 0.36, 0.24], radius: 0.04, color: BLACK },
    { box: [0.64, 0.06, 0.74, 0.24], radius: 0.04, color: BLACK },
    { box: [0.28, 0.48, 0.52, 0.72], radius: 0.03, color: BLACK },
  ],
};

function insideRoundedBox(x: number, y: number, box: readonly [number, number, number, number], r: number): boolean {
  const x0 = box[0], y0 = box[1], x1 = box[2], y1 = box[3];
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function covers(shape: Shape, x: number, y: number): boolean {
  if (!insideRoundedBox(x, y, shape.box, shape.radius)) return false;
  return !shape.hole || !insideRoundedBox(x, y, shape.hole.box, shape.hole.radius);
}

/** The topmost shape covering a point, or -1 (every colour is opaque, so it alone decides the colour there). */
function topShape(shapes: readonly Shape[], x: number, y: number): number {
  for (let i = shapes.length - 1; i >= 0; i--) if (covers(shapes[i]!, x, y)) return i;
  return -1;
}

/**
 * RGBA pixels (straight alpha), `size`×`size`. A pixel whose four corners
 * fall in the same shape takes its colour; a pixel an edge crosses is
 * sampled 4×4 for a smooth edge. (Every shape is wider than a pixel at the
 * sizes drawn, so an edge always moves at least one corner.)
 */
export function drawIcon(size: number, style: IconStyle): Uint8Array {
  const shapes = SHAPES[style];
  const pixels = new Uint8Array(size * size * 4);
  const corners = new Int8Array((size + 1) * (size + 1));
  for (let y = 0; y <= size; y++) for (let x = 0; x <= size; x++) corners[y * (size + 1) + x] = topShape(shapes, x / size, y / size);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const offset = (py * size + px) * 4;
      const top = corners[py * (size + 1) + px]!;
      if (top === corners[py * (size + 1) + px + 1] && top === corners[(py + 1) * (size + 1) + px] && top === corners[(py + 1) * (size + 1) + px + 1]) {
        if (top >= 0) pixels.set(shapes[top]!.color, offset);
        continue;
      }
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const hit = topShape(shapes, (px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (hit < 0) continue;
          const color = shapes[hit]!.color;
          r += color[0]; g += color[1]; b += color[2]; a += 1;
        }
      }
      if (a > 0) {
        pixels[offset] = Math.round(r / a);
        pixels[offset + 1] = Math.round(g / a);
        pixels[offset + 2] = Math.round(b / a);
        pixels[offset + 3] = Math.round((a / (samples * samples)) * 255);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The rows as PNG stores them before compression: each row led by filter byte 0 (none). */
export function pngScanlines(width: number, height: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return raw;
}

/** A PNG file (8-bit RGBA, no interlace) from straight-alpha RGBA pixels. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter
  header[12] = 0; // interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pngScanlines(width, height, rgba), { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function iconPng(size: number, style: IconStyle): Buffer {
  return encodePng(size, size, drawIcon(size, style));
}

/** Sizes of the Linux icon set (build/icons/<size>x<size>.png); build/icon.png is 1024 (macOS and Windows icons are made from it). */
export const LINUX_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;
export const APP_ICON_SIZE = 1024;
