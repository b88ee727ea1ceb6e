/**
 * Search at scale (issue 22): builds sites of N generated explainers (tests/story-generator.ts,
 * short stories: three sections each, two people, a term), and reports for each size the build
 * time per page, the share of it the search index took, the index's size on disk, and in
 * Chromium on the bench's phone (CPU 4× slower, bench/render-cost.ts) what a reader's search
 * costs: the bytes fetched (network log) and the time from the query to the results drawn, for
 * a common word and for a person's other spelling, the first query (which loads Pagefind) and
 * the next. Not a test: it reports, marks the 100 ms target met or missed.
 *
 *   node bench/run.ts --search [--search-counts 50,500] [--search-runs 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { serveStatic } from '../scripts/serve-static.ts';
import { writeStory, type StoryOptions } from '../tests/story-generator.ts';
import { launchBrowser } from './first-screen.ts';
import { gzip } from './page-weight.ts';
import { PHONE, THROTTLING } from './render-cost.ts';

const root = path.resolve(import.meta.dirname, '..');
const TARGET_MS = 100;
/** Short stories: the index grows with pages and words, the build with pages. */
const STORY: StoryOptions = {
  sections: 3,
  paragraphs: 2,
  events: 3,
  people: 2,
  terms: 1,
  charts: 0,
  map: false,
  tables: 0,
  footnotes: false,
  renamed: false,
  later: false,
  changes: false,
  longTitles: false,
  scheduled: false,
};
/** A word of the generated text (tests/story-generator.ts): in many sections, as a common query is. */
const COMMON_WORD = 'ceasefire';
const OTHER_WORD = 'harbour';

export interface SearchScaleOptions {
  counts: number[];
  runs: number;
}

export function searchScaleOptions(argv: string[]): SearchScaleOptions {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    counts: (value('--search-counts') ?? '50,500').split(',').map(Number),
    runs: Number(value('--search-runs') ?? 5),
  };
}

interface Built {
  explainers: number;
  pages: number;
  records: number;
  wallMs: number;
  indexMs: number;
  indexBytes: number;
  indexFiles: number;
  /** What a reader's browser may ever fetch of it: all but Pagefind's other language's wasm. */
  chunkBytes: { index: number; fragment: number };
}

interface Query {
  label: string;
  query: string;
  /** Results Pagefind found. */
  results: number;
  /** Bytes over the wire for the query, search code included on the first. */
  firstBytes: number;
  nextBytes: number;
  /** Medians, ms, from the query to its results drawn (the page's performance measure "search"). */
  firstMs: number;
  nextMs: number;
  /** Medians, ms, from the query to Pagefind's answer, before the results' fragments ("search-found"). */
  firstFoundMs: number;
  nextFoundMs: number;
  /** The first query once more: its chunks loaded, Pagefind's search alone. */
  againFoundMs: number;
  /** 1-minute load average around this query's readers. */
  load: string;
  /** The same with Pagefind's worker unavailable: the search on the (throttled) main thread. */
  firstMainMs: number;
  nextMainMs: number;
}

const sizeOf = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => statSync(path.join(dir, file)))
    .filter((stat) => stat.isFile())
    .reduce((sum, stat) => sum + stat.size, 0);

function build(count: number, work: string): { built: Built; alias: string; site: string } {
  const content = path.join(work, `content-${count}`);
  let alias = '';
  for (let i = 1; i <= count; i++) {
    const story = writeStory(content, `story-${i}`, 1000 + i, STORY);
    // The query: a person's other spelling, of a story in the middle of the site.
    if (i === Math.ceil(count / 2)) {
      const { people } = JSON.parse(story.files['whos-who.yaml']!) as { people: { aliases?: string[] }[] };
      alias = people.find((p) => p.aliases?.length)!.aliases![0]!;
    }
  }
  const site = path.join(work, `site-${count}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: root,
    env: {
      ...process.env,
      CONTENT_DIR: content,
      OUT_DIR: site,
      CACHE_DIR: path.join(work, `cache-${count}`),
      // The social cards are timed by --scale; here they would only add minutes per size.
      SKIP_SOCIAL_CARDS: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
    },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 30 * 60_000,
  });
  const wallMs = performance.now() - started;
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`build of ${count} explainers failed:\n${output.slice(-3000)}`);
  const logged = /search index: (\d+) pages and records in (\d+) ms/.exec(output);
  const index = path.join(site, 'pagefind');
  const files = readdirSync(index, { recursive: true, encoding: 'utf8' });
  return {
    site,
    alias,
    built: {
      explainers: count,
      pages: readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'))
        .length,
      records: Number(logged?.[1] ?? NaN),
      indexMs: Number(logged?.[2] ?? NaN),
      wallMs,
      indexBytes: sizeOf(index),
      indexFiles: files.filter((f) => statSync(path.join(index, f)).isFile()).length,
      chunkBytes: {
        index: sizeOf(path.join(index, 'index')),
        fragment: sizeOf(path.join(index, 'fragment')),
      },
    },
  };
}

/**
 * Bytes over the wire, counted at the server: the page's worker fetches the index, and the
 * page's own network log does not see a worker's requests. Text compressed as the server sends
 * it (gzip), Pagefind's own files (already compressed) as they are.
 */
function wire(site: string) {
  const served: string[] = [];
  const bytes = (pathname: string) => {
    const file = path.join(site, decodeURIComponent(pathname));
    const body = readFileSync(pathname.endsWith('/') ? path.join(file, 'index.html') : file);
    return /\.(js|json|html|css|svg)$|\/$/.test(pathname) ? gzip(body) : body.length;
  };
  return {
    onResponse: (status: number, pathname: string) => status === 200 && served.push(pathname),
    take: () => served.splice(0).reduce((sum, pathname) => sum + bytes(pathname), 0),
  };
}

/** One reader: the search page with `query` in its address, then `next` typed in the box. */
async function oneSearch(
  browser: Browser,
  base: string,
  log: ReturnType<typeof wire>,
  query: string,
  next: string,
  worker: boolean,
) {
  const context = await browser.newContext({
    viewport: { width: PHONE.width, height: PHONE.height },
    deviceScaleFactor: PHONE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
  });
  try {
    // Without a Worker, Pagefind searches on the main thread, which the throttling surely slows.
    if (!worker) await context.addInitScript(() => Reflect.deleteProperty(window, 'Worker'));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING.cpu });
    await page.goto(`${base}/search/`, { waitUntil: 'networkidle' });
    log.take();
    const searchFor = async (text: string) => {
      await page.evaluate((text) => {
        performance.clearMeasures();
        const input = document.querySelector<HTMLInputElement>('#search-query')!;
        input.value = text;
        input.form!.requestSubmit();
      }, text);
      await page.waitForFunction(() => performance.getEntriesByName('search').length > 0, null, {
        timeout: 60_000,
      });
      await page.waitForLoadState('networkidle');
      return page.evaluate(() => ({
        ms: performance.getEntriesByName('search')[0]!.duration,
        foundMs: performance.getEntriesByName('search-found')[0]!.duration,
        results: Number(
          /^(\d+)/.exec(document.querySelector('[data-search-status]')!.textContent ?? '')?.[1] ?? 0,
        ),
      }));
    };
    const first = await searchFor(query);
    const firstBytes = log.take();
    const second = await searchFor(next);
    const nextBytes = log.take();
    const again = await searchFor(query);
    return { first, second, again, firstBytes, nextBytes };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measureQueries(site: string, alias: string, runs: number): Promise<Query[]> {
  const log = wire(site);
  const { server, url } = await serveStatic(site, { gzip: true, onResponse: log.onResponse });
  const browser = await launchBrowser();
  try {
    const queries: Query[] = [];
    for (const [label, query, next] of [
      ['a common word', COMMON_WORD, OTHER_WORD],
      ['a person’s other spelling', alias, COMMON_WORD],
    ] as const) {
      const worker = [];
      const main = [];
      const loadBefore = os.loadavg()[0]!;
      for (let i = 0; i < runs; i++) {
        worker.push(await oneSearch(browser, url, log, query, next, true));
        main.push(await oneSearch(browser, url, log, query, next, false));
      }
      queries.push({
        label,
        query,
        results: worker[0]!.first.results,
        firstBytes: median(worker.map((r) => r.firstBytes)),
        nextBytes: median(worker.map((r) => r.nextBytes)),
        firstMs: median(worker.map((r) => r.first.ms)),
        nextMs: median(worker.map((r) => r.second.ms)),
        firstFoundMs: median(worker.map((r) => r.first.foundMs)),
        nextFoundMs: median(worker.map((r) => r.second.foundMs)),
        againFoundMs: median(worker.map((r) => r.again.foundMs)),
        load: `${loadBefore.toFixed(1)}–${os.loadavg()[0]!.toFixed(1)}`,
        firstMainMs: median(main.map((r) => r.first.ms)),
        nextMainMs: median(main.map((r) => r.second.ms)),
      });
    }
    return queries;
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}

const n = (value: number, digits = 0) =>
  Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (bytes: number) => `${n(bytes / 1024, 1)} KB`;
const table = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

/** Builds each size, measures it, and returns the report as Markdown. */
export async function benchSearchScale(
  options: SearchScaleOptions,
  say: (line: string) => void,
): Promise<string> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-search-'));
  const loadBefore = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  const sizes: { built: Built; queries: Query[] }[] = [];
  try {
    for (const count of options.counts) {
      say(`search scale: building ${count} explainers`);
      const { built, alias, site } = build(count, work);
      say(`search scale: ${built.pages} pages in ${n(built.wallMs / 1000, 1)} s; measuring queries`);
      sizes.push({ built, queries: await measureQueries(site, alias, options.runs) });
      rmSync(site, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const builds = table(
    [
      'Explainers',
      'Pages',
      'Records indexed',
      'Build s',
      'ms per page',
      'Index ms',
      'Index ms per record',
      'Index on disk',
      'Files',
      'of which index/ + fragment/',
    ],
    sizes.map(({ built: b }) => [
      n(b.explainers),
      n(b.pages),
      n(b.records),
      n(b.wallMs / 1000, 1),
      n(b.wallMs / b.pages, 1),
      n(b.indexMs),
      n(b.indexMs / b.records, 2),
      kb(b.indexBytes),
      n(b.indexFiles),
      `${kb(b.chunkBytes.index)} + ${kb(b.chunkBytes.fragment)}`,
    ]),
  );
  const [small, large] = [sizes[0]!.built, sizes.at(-1)!.built];
  const perAdded = (large.wallMs - small.wallMs) / (large.pages - small.pages);
  const queries = table(
    [
      'Explainers',
      'Query',
      'Results',
      'Bytes, first query (loads Pagefind)',
      'Bytes, next query',
      'First query: found / drawn ms',
      `Next query: found (< ${TARGET_MS}) / drawn ms`,
      `Same query again: found (< ${TARGET_MS}) ms`,
      'Main thread: first / next drawn ms',
      'Load (1 min)',
    ],
    sizes.flatMap(({ built, queries }) =>
      queries.map((q) => [
        n(built.explainers),
        `${q.label} (“${q.query}”)`,
        n(q.results),
        kb(q.firstBytes),
        kb(q.nextBytes),
        `${n(q.firstFoundMs)} / ${n(q.firstMs)}`,
        `${n(q.nextFoundMs)} ${q.nextFoundMs < TARGET_MS ? '✓ met' : '✗ missed'} / ${n(q.nextMs)}`,
        `${n(q.againFoundMs)} ${q.againFoundMs < TARGET_MS ? '✓ met' : '✗ missed'}`,
        `${n(q.firstMainMs)} / ${n(q.nextMainMs)}`,
        q.load,
      ]),
    ),
  );
  return [
    '## Search at scale',
    `Generated short explainers (tests/story-generator.ts: 3 sections, 2 people, 1 term each), built without social cards (SKIP_SOCIAL_CARDS=1; --scale times them); Node ${process.version}, ${os.cpus().length} CPUs, load average ${loadBefore} at start, ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')} at end.`,
    builds,
    `Build ms per added page from ${n(small.explainers)} to ${n(large.explainers)} explainers: ${n(perAdded, 1)} (ms per page at each size above; the same figure at both sizes means the build grows linearly). Index ms = Pagefind's part of the build (the line "search index: … in N ms"), records = section pages plus explainer, person and term records. Index on disk = everything in pagefind/ (pagefind.js, its worker and WebAssembly, the entry, the metadata, the index chunks and the fragments).`,
    queries,
    `Chromium at ${PHONE.width}×${PHONE.height}, CPU slowed ${THROTTLING.cpu}× (Emulation.setCPUThrottlingRate, as bench/render-cost.ts), served gzipped on 127.0.0.1 with no network throttling; median of ${options.runs} readers, each a fresh context. A reader opens /search/, then searches for the query (the first query loads pagefind.js, its worker, the WebAssembly, the entry, the metadata, the index chunk and the fragments of the first ${10} results), then for another word (which may need an index chunk of its own), then for the first query again (every chunk it needs loaded: the search alone). Bytes = every response after the search page had loaded, counted at the server (a worker's requests are not in the page's network log): text gzipped as sent, Pagefind's own compressed files as they are; the page itself, about as heavy as any other page, not counted. found = the search page's performance measure "search-found", from the query to Pagefind's answer (the ranked list); drawn = "search", to the first 10 results drawn, each of which fetches its fragment (excerpt, title, URL). The 100 ms target is read against found. Pagefind searches in a Web Worker; the last column removes Worker so that the search runs on the throttled main thread, for readers whose browser has no worker and as an upper bound should the throttling not reach the worker.`,
  ].join('\n\n');
}
