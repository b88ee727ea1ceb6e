/**
 * Does the first round trip carry the first screen? A server sends about 10 TCP segments
 * (14,600 bytes, RFC 6928) before it waits for the reader's first acknowledgement, and a
 * browser paints HTML as it arrives. So the test is direct: cut the compressed page after
 * 14,600 bytes, let Chromium render only what that prefix decompresses to, and compare the
 * first screen, pixel for pixel, with the whole page's at phone and desktop size.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from './lighthouse.ts';

export const FIRST_ROUND_TRIP = 14_600;

const SCREENS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

export interface FirstScreen {
  page: string;
  /** Raw HTML bytes in the first 14,600 compressed bytes, and in the whole page. */
  prefixRaw: number;
  totalRaw: number;
  /** Screens whose first paint from the prefix differs from the whole page's (empty: met). */
  differs: string[];
}

/** The HTML a browser holds after the first round trip: what the first 14,600 gzip bytes decode to. */
export function firstRoundTripPrefix(html: Buffer): Buffer {
  const compressed = gzipSync(html, { level: 9 });
  if (compressed.length <= FIRST_ROUND_TRIP) return html;
  // A cut stream has no end; sync-flush hands back everything decoded up to the cut.
  return gunzipSync(compressed.subarray(0, FIRST_ROUND_TRIP), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Screenshots of the first screen, once from the whole page and once from the prefix alone. */
export async function checkFirstScreen(
  browser: Browser,
  baseUrl: string,
  siteDir: string,
  file: string,
  page: string,
): Promise<FirstScreen> {
  const html = readFileSync(path.join(siteDir, file));
  const prefix = firstRoundTripPrefix(html);
  const differs: string[] = [];
  for (const [name, viewport] of Object.entries(SCREENS)) {
    const shots: Buffer[] = [];
    for (const body of [html, prefix]) {
      // Scripts off: they run after parsing and never paint the first frame.
      const context = await browser.newContext({ viewport, javaScriptEnabled: false });
      const tab = await context.newPage();
      await tab.route(`${baseUrl}${page}`, (route) =>
        route.fulfill({ body, contentType: 'text/html; charset=utf-8' }),
      );
      await tab.goto(`${baseUrl}${page}`, { waitUntil: 'load' });
      shots.push(await tab.screenshot());
      await context.close();
    }
    if (!shots[0]!.equals(shots[1]!)) differs.push(name);
  }
  return { page, prefixRaw: prefix.length, totalRaw: html.length, differs };
}
