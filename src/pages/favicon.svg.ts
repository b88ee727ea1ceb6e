import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';

/**
 * The icon at the address it had before pages linked a fingerprinted copy (BaseLayout), for
 * anything that still asks for /favicon.svg.
 */
export const GET: APIRoute = () =>
  new Response(readFileSync('src/assets/favicon.svg', 'utf8'), {
    headers: { 'content-type': 'image/svg+xml' },
  });
