import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';
import { renderSquarePng } from '../lib/social-card';

/**
 * Browsers that cannot use the SVG favicon (WebKit among them) ask for /favicon.ico: a 32 px
 * PNG in an ICO container (the PNG kind every browser reads), drawn from the same SVG.
 */
export const GET: APIRoute = () => {
  const png = renderSquarePng(readFileSync('src/assets/favicon.svg', 'utf8'), 32);
  const header = Buffer.alloc(22);
  header.writeUInt16LE(1, 2); // an icon file
  header.writeUInt16LE(1, 4); // with one image:
  header.writeUInt8(32, 6); // 32 wide
  header.writeUInt8(32, 7); // 32 high
  header.writeUInt16LE(1, 10); // one colour plane
  header.writeUInt16LE(32, 12); // 32 bits a pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18); // the PNG follows the header
  return new Response(new Uint8Array(Buffer.concat([header, png])), {
    headers: { 'content-type': 'image/x-icon' },
  });
};
