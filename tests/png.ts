/** Reads the pixels of a PNG the way the cards are written: 8-bit RGBA, not interlaced. */
import { inflateSync } from 'node:zlib';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row after row. */
  data: Buffer;
}

/** Decodes a PNG into RGBA pixels (filters 0 to 4 undone). */
export function decodePng(png: Buffer): Pixels {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (png[24] !== 8 || png[25] !== 6 || png[28] !== 0) throw new Error('not an 8-bit RGBA PNG');
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? data[y * stride + x - 4]! : 0;
      const up = y ? data[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y ? data[(y - 1) * stride + x - 4]! : 0;
      const predictor =
        filter === 1
          ? left
          : filter === 2
            ? up
            : filter === 3
              ? (left + up) >> 1
              : filter === 4
                ? paeth(left, up, upLeft)
                : 0;
      data[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return { width, height, data };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** The rows from top to bottom (exclusive), as bytes: compare parts of two images. */
export const rows = ({ width, data }: Pixels, top: number, bottom: number) =>
  data.subarray(top * width * 4, bottom * width * 4);

/** Whether every pixel in the rectangle has the colour of the pixel at its top left. */
export function isBlank({ width, data }: Pixels, x0: number, y0: number, x1: number, y1: number): boolean {
  const first = data.readUInt32BE((y0 * width + x0) * 4);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) if (data.readUInt32BE((y * width + x) * 4) !== first) return false;
  }
  return true;
}
