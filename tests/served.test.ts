/**
 * The built site behind a real web server, nginx from Debian, configured with the snippet in
 * deploy/nginx/: status codes, content types, security and caching headers, for the root build
 * and the subpath build; and every page in Chromium with that CSP enforced, asking nothing of
 * any other host.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE, headersFile, SEARCH_SECURITY_HEADERS, SECURITY_HEADERS } from '../src/lib/host-files';
import { launchChromium } from './browser/chromium';
import { builtSite, builtSubpathSite, root, sitePages, SUBPATH } from './build';
import { publishedExplainers } from './content';
import { aliasSubject } from './search-subjects';
import { startNginx, type Server } from './servers';
import { systemPaths } from './system';

const NGINX = systemPaths().nginx();

/** The add_header lines of the nginx snippet, as name -> value. */
function nginxHeaders(): Record<string, string> {
  const conf = readFileSync(path.join(root, 'deploy/nginx/explainers-headers.conf'), 'utf8');
  return Object.fromEntries(
    [...conf.matchAll(/^add_header (\S+) "([^"]*)" always;$/gm)].map((m) => [m[1], m[2]]),
  );
}

it('nginx is installed (tests/system.ts installs it when missing)', () => {
  expect(spawnSync(NGINX, ['-v']).status).toBe(0);
});

it('the nginx snippet and _headers carry one policy', () => {
  expect(nginxHeaders()).toEqual(SECURITY_HEADERS);
  const built = readFileSync(path.join(builtSite, '_headers'), 'utf8');
  expect(built).toBe(headersFile('/'));
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(built).toContain(`  ${name}: ${value}\n`);
  expect(readFileSync(path.join(builtSubpathSite, '_headers'), 'utf8')).toMatch(/^\/explainers\/\*$/m);
});

describe.each([
  ['root', builtSite, '/'],
  ['subpath', builtSubpathSite, SUBPATH],
] as const)('the %s build behind nginx', (_, site, base) => {
  let server: Server;
  let browser: Browser;
  const pages = sitePages(site)
    .filter((file) => file !== '404.html')
    .map((file) => `${base}${file.replace(/index\.html$/, '')}`);
  const explainers = publishedExplainers();

  beforeAll(async () => {
    server = await startNginx(site, base);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('answers 200 for every page, with HTML that revalidates and every security header', async () => {
    for (const page of pages) {
      const response = await fetch(`${server.url}${page}`, { redirect: 'manual' });
      expect(response.status, page).toBe(200);
      expect(response.headers.get('server'), 'no version in the Server header').toBe('nginx');
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe(CACHE.revalidate);
      const headers = page === `${base}search/` ? SEARCH_SECURITY_HEADERS : SECURITY_HEADERS;
      for (const [name, value] of Object.entries(headers)) {
        expect(response.headers.get(name), `${name} on ${page}`).toBe(value);
      }
    }
  });

  it('searches with the CSP enforced: the WebAssembly runs, nothing is blocked, a section is found', async () => {
    const { query, section } = aliasSubject();
    const context = await browser.newContext();
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    tab.on('requestfailed', (r) => problems.push(`failed ${r.url()}`));
    await tab.goto(`${server.url}${base}search/?q=${encodeURIComponent(query)}`);
    await tab.waitForFunction(
      () => document.querySelector('search-page')?.getAttribute('data-state') === 'done',
    );
    const links = await tab
      .locator('[data-search-list] a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain(`${base}${section.slice(1)}`);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('serves assets with their types; fingerprinted ones cached for a year', async () => {
    const html = await (await fetch(`${server.url}${base}${explainers[0]!.id}/`)).text();
    const script = /<script type="module" src="([^"]+)"/.exec(html)![1]!;
    const js = await fetch(`${server.url}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toBe(CACHE.immutable);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    const types: Record<string, RegExp> = {
      'og/site.png': /^image\/png/,
      'favicon.svg': /^image\/svg\+xml/,
      'favicon.ico': /^image\/(x-icon|vnd\.microsoft\.icon)/,
      'sitemap-index.xml': /xml/,
      'feed.xml': /xml/,
      'robots.txt': /^text\/plain/,
    };
    for (const [file, type] of Object.entries(types)) {
      const response = await fetch(`${server.url}${base}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toMatch(type);
    }
  });

  it('answers 404 with the site’s 404 page for a missing path, the 404 page itself, hidden and host files', async () => {
    for (const missing of [
      'no-such-page/',
      '404',
      '404.html',
      '_headers',
      '_redirects',
      '_nginx-redirects.conf',
      '.git/config',
      'og/.hidden.png',
    ]) {
      const response = await fetch(`${server.url}${base}${missing}`, { redirect: 'manual' });
      expect(response.status, missing).toBe(404);
      expect(await response.text(), missing).toContain('Page not found');
      expect(response.headers.get('content-security-policy')).toBe(
        SECURITY_HEADERS['Content-Security-Policy'],
      );
    }
  });

  it('answers 301 to the address with its slash, and to a renamed section’s new address', async () => {
    const moves: [string, string][] = explainers.flatMap((explainer) => [
      [`${base}${explainer.id}`, `${base}${explainer.id}/`],
      [
        `${base}${explainer.id}/${explainer.sections[0]!.slug}`,
        `${base}${explainer.id}/${explainer.sections[0]!.slug}/`,
      ],
      ...explainer.sections.flatMap((section) =>
        section.oldSlugs.flatMap((old): [string, string][] => [
          [`${base}${explainer.id}/${old}/`, `${base}${explainer.id}/${section.slug}/`],
          [`${base}${explainer.id}/${old}`, `${base}${explainer.id}/${section.slug}/`],
        ]),
      ),
    ]);
    expect(moves.length).toBeGreaterThan(explainers.length * 2);
    for (const [from, to] of moves) {
      const response = await fetch(`${server.url}${from}`, { redirect: 'manual' });
      expect(response.status, from).toBe(301);
      expect(response.headers.get('location'), from).toBe(to);
    }
  });

  it(
    'every page, with the CSP enforced, logs no violation and requests nothing off the site',
    async () => {
      const context = await browser.newContext();
      const problems: string[] = [];
      for (const page of pages) {
        const tab = await context.newPage();
        tab.on('console', (m) => {
          if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text()))
            problems.push(`${page}: ${m.text()}`);
        });
        tab.on('request', (r) => {
          if (!r.url().startsWith(server.url) && !r.url().startsWith('data:'))
            problems.push(`${page}: off-site ${r.url()}`);
        });
        tab.on('requestfailed', (r) => problems.push(`${page}: failed ${r.url()}`));
        const response = await tab.goto(`${server.url}${page}`);
        expect(response?.headers()['content-security-policy'], page).toBeTruthy();
        await tab.waitForLoadState('networkidle');
        // The scripts ran: CSP let them through.
        if (explainers.some((explainer) => page.startsWith(`${base}${explainer.id}/`))) {
          expect(await tab.locator('[data-copy]').first().isVisible(), page).toBe(true);
        }
        await tab.close();
      }
      await context.close();
      expect(problems).toEqual([]);
      // Time for every page: their number grows with the stories in the test build.
    },
    30_000 + 5_000 * pages.length,
  );
});
