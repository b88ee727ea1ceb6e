/**
 * The search index in both test builds (root and subpath): it exists, holds a record for every
 * section, explainer, person and term, and answers in a browser (Pagefind's own API, in the
 * search page, whose CSP allows its WebAssembly): a section's heading finds that section, and a
 * person's other spelling finds the person's card and the section that names them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../scripts/serve-static';
import { launchChromium } from './browser/chromium';
import { builtSite, builtSubpathSite, SUBPATH } from './build';
import { topicSlug } from '../src/lib/content/schemas';
import { publishedExplainers } from './content';
import { aliasSubject, headingSubject } from './search-subjects';
import { storiesWith } from './stories';

describe.each([
  ['root', builtSite, '/'],
  ['subpath', builtSubpathSite, SUBPATH],
] as const)('the %s build’s search index', (_, site, base) => {
  let browser: Browser;
  let page: Page;
  let close: () => void;

  beforeAll(async () => {
    // Served below its base path, as deployed: Pagefind takes the base from where it is loaded.
    const www = mkdtempSync(path.join(tmpdir(), 'search-'));
    const link = path.join(www, base === '/' ? 'site' : base.replace(/\/+$/, ''));
    symlinkSync(site, link);
    const { server, url } = await serveStatic(base === '/' ? link : www);
    close = () => {
      server.close();
      unlinkSync(link);
      rmSync(www, { recursive: true, force: true });
    };
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${url}${base}search/`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    close?.();
  });

  /** Every result's URL for `query`, through pagefind.js as the search page loads it. */
  // Written as a string: the test runner's transform would rewrite a dynamic import() in a function.
  const search = (query: string) =>
    page.evaluate(`(async () => {
      const index = document.querySelector('search-page').getAttribute('data-index');
      const pagefind = await import(new URL(index + 'pagefind.js', location.href).href);
      const found = await pagefind.search(${JSON.stringify(query)});
      const data = await Promise.all(found.results.map((result) => result.data()));
      return data.map((d) => d.url);
    })()`) as Promise<string[]>;

  it('is written into the build, one record per section, explainer, topic, person and term', () => {
    const entry = JSON.parse(readFileSync(path.join(site, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const explainers = publishedExplainers();
    // A person or term two stories define is one record, at its hub page.
    const distinct = (kind: 'people' | 'terms') =>
      new Set(explainers.flatMap((e) => e[kind].map((x) => x.id))).size;
    const topics = new Set(explainers.flatMap((e) => e.topics.map(topicSlug))).size;
    const expected =
      explainers.reduce((sum, e) => sum + 1 + e.sections.length, 0) +
      distinct('people') +
      distinct('terms') +
      topics;
    expect(Object.values(entry.languages).map((l) => l.page_count)).toEqual([expected]);
    expect(existsSync(path.join(site, 'pagefind/pagefind.js'))).toBe(true);
    // Pagefind's ready-made interfaces are not used, and not shipped.
    expect(existsSync(path.join(site, 'pagefind/pagefind-ui.js'))).toBe(false);
  });

  it('finds a section by its heading, at the section’s own page below the base path', async () => {
    const { query, section } = headingSubject();
    expect(await search(query)).toContain(`${base}${section.slice(1)}`);
  });

  it('finds a person by each other spelling: their card and the section that names them', async () => {
    const { aliases, section, person } = aliasSubject();
    for (const alias of aliases) {
      const urls = await search(alias);
      expect(urls, alias).toContain(`${base}${section.slice(1)}`);
      expect(urls, alias).toContain(`${base}${person.slice(1)}`);
    }
  });

  it('finds a person two stories define at their hub page, by another spelling from either story', async () => {
    const [first] = storiesWith({ sharedPeople: 1 });
    const person = publishedExplainers()
      .find((e) => e.id === first!.replaceAll('/', ''))!
      .people.find((p) => p.aliases.length > 0 && p.id.startsWith('shared-'))!;
    const urls = await search(person.aliases[0]!);
    expect(urls).toContain(`${base}people/${person.id}/`);
    expect(urls.filter((url) => url.includes(`#who-${person.id}`))).toEqual([]);
  });
});
