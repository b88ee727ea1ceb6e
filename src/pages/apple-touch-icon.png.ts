import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';
import { renderSquarePng } from '../lib/social-card';

/** iOS wants a PNG home-screen icon; draw it from the same SVG as the favicon. */
export const GET: APIRoute = () => {
  const svg = readFileSync('src/assets/favicon.svg', 'utf8');
  return new Response(new Uint8Array(renderSquarePng(svg, 180)), {
    headers: { 'content-type': 'image/png' },
  });
};
