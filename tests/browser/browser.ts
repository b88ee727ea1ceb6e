/**
 * Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, and the
 * built site (tests/.tmp/site, made by the global set-up) served on 127.0.0.1.
 */
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveStatic } from '../../scripts/serve-static';
import { builtSite, sitePages } from '../build';

export const EXPLAINER = 'moscow-afghanistan-talks';

/** Every page of the built site, as a path ("/", "/moscow-afghanistan-talks/"). */
export const pagePaths = sitePages(builtSite)
  .map((file) => `/${file.replace(/index\.html$/, '')}`)
  .sort();

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  tablet: { width: 820, height: 1180 },
  desktop: { width: 1280, height: 800 },
} as const;

/** Debian's Chromium (CHROMIUM_PATH overrides it), headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Without these Chromium keeps trying to reach Google's servers, which this network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Session {
  browser: Browser;
  base: string;
  /** A fresh page in its own context; problems collects console errors and failed requests. */
  open(path: string, options?: BrowserContextOptions): Promise<{ page: Page; problems: string[] }>;
}

/** Starts Chromium and the server for one test file, and closes both after it. */
export function useBrowser(): Session {
  let server: Server;
  const session = {} as Session;
  beforeAll(async () => {
    const served = await serveStatic(builtSite);
    server = served.server;
    session.base = served.url;
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });
  session.open = async (path, options = {}) => {
    const context = await session.browser.newContext({ reducedMotion: 'reduce', ...options });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await page.goto(`${session.base}${path}`);
    return { page, problems };
  };
  return session;
}

/** Waits until the page has stopped scrolling (smooth scrolling and layout included). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = -1;
        let still = 0;
        const tick = () => {
          still = scrollY === last ? still + 1 : 0;
          last = scrollY;
          if (still >= 5) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** The sections whose timeline events are marked aria-current. */
export function currentSections(page: Page): Promise<string[]> {
  return page.$$eval('timeline-spy a[aria-current="true"]', (links) => [
    ...new Set(links.map((link) => (link as HTMLElement).dataset.section ?? '')),
  ]);
}

/** Section slugs in page order. */
export function sectionSlugs(page: Page): Promise<string[]> {
  return page.$$eval('section[data-story-section]', (sections) => sections.map((s) => s.id));
}
