/**
 * Performance benchmark for the built site (see bench/README.md): page weight from the files,
 * then Lighthouse on each page, mobile and desktop. Not a test: it prints the figures, marks each
 * target met or missed, and exits 0 unless it cannot run at all.
 *
 *   node bench/run.ts [site-dir]      site-dir defaults to dist/; `npm run bench` builds first
 *   node bench/run.ts --scale [...]   only the build-scaling part (bench/build-scale.ts)
 *   node bench/run.ts --search [...]  only search at scale (bench/search-scale.ts)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveStatic } from '../scripts/serve-static.ts';
import {
  CHROMIUM,
  findings,
  killAllChromium,
  medians,
  runLighthouse,
  type FormFactor,
  type Result,
} from './lighthouse.ts';
import { checkFirstScreen, FIRST_ROUND_TRIP, launchBrowser, type FirstScreen } from './first-screen.ts';
import { htmlFiles, measurePage, type PageWeight, type Sizes } from './page-weight.ts';
import { benchBuildScaling, scaleOptions } from './build-scale.ts';
import { floorPage } from './floor-page.ts';
import { benchSearchScale, searchScaleOptions } from './search-scale.ts';
import {
  measureRenderCost,
  medianOf,
  PHONE,
  THROTTLING,
  work,
  type LoadCost,
  type RenderRow,
} from './render-cost.ts';

const RUNS = 3;
/** Loads of each page and of its floor page for the render cost: medians of alternating runs. */
const RENDER_RUNS = 5;
const RUN_TIMEOUT_MS = 120_000;
// Build scaling (27 builds, about 8 minutes), then the render cost (about 4 s a load, 110 loads
// for eleven pages) and Lighthouse (eleven pages, two form factors, three runs: about 14 minutes).
const TOTAL_TIMEOUT_MS = 55 * 60_000;
const TARGET = { jsGzip: 2_048, score: 100, cls: 0, tbt: 200, work: 1.5, lcp: 1.1 };
/** Where the bench's server answers with a page's floor page (floor-page.ts). */
const FLOOR = '/__floor__';
const SHORT = ['Perf', 'A11y', 'BP', 'SEO']; // the categories, in lighthouse.ts's CATEGORIES order
const FORM_FACTORS: FormFactor[] = ['mobile', 'desktop'];

interface LighthouseRow {
  page: string;
  formFactor: FormFactor;
  runs: Result[];
  errors: string[];
}

const startedAt = Date.now();
const args = process.argv.slice(2);
const scaleOnly = args.includes('--scale');
const searchOnly = args.includes('--search');
const scaling = scaleOptions(args);
const siteDir = path.resolve((args[0]?.startsWith('--') ? undefined : args[0]) ?? 'dist');
const resultsDir = path.join(import.meta.dirname, 'results');

const n = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toLocaleString('en-GB');
const sizes = (s: Sizes) => `${n(s.raw)} / ${n(s.gzip)} / ${n(s.brotli)}`;
const mark = (met: boolean) => (met ? '✓ met' : '✗ missed');
const loadavg = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ');
const table = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

function weightTable(pages: PageWeight[], screens: FirstScreen[]): string {
  const head = ['Page', 'HTML raw / gz / br', 'CSS raw / gz / br', 'JS raw / gz / br'];
  head.push('Critical path gz', `First screen in the first ${n(FIRST_ROUND_TRIP)} B gz`);
  head.push(`JS gz (≤ ${n(TARGET.jsGzip)})`, 'Render-blocking JS', 'Requests (from HTML)');
  const rows = pages.map((p) => {
    const screen = screens.find((s) => s.page === p.page)!;
    const carried =
      screen.prefixRaw === screen.totalRaw
        ? 'whole page'
        : `${n(screen.prefixRaw)} of ${n(screen.totalRaw)} raw bytes`;
    const met = screen.differs.length ? `✗ missed at ${screen.differs.join(', ')}` : '✓ met';
    return [
      `\`${p.page}\``,
      sizes(p.html),
      sizes(p.css),
      sizes(p.js),
      n(p.criticalGzip),
      `${met} (${carried})`,
      `${n(p.js.gzip)} ${mark(p.js.gzip <= TARGET.jsGzip)}`,
      p.blockingScripts ? `${p.blockingScripts} ✗ missed` : 'none ✓ met',
      n(p.requests),
    ];
  });
  return table(head, rows);
}

function lighthouseTable(rows: LighthouseRow[]): string {
  const head = ['Page', 'Form factor', ...SHORT, 'LCP ms', 'CLS', 'TBT ms', 'Requests', 'CPU index'];
  head.push(`Targets (100 ×4, CLS 0, mobile TBT < ${TARGET.tbt})`);
  const lines = rows.map((row) => {
    const label = [`\`${row.page}\``, row.formFactor];
    if (!row.runs.length)
      return [...label, `no run completed: ${row.errors[0]}`, ...head.slice(3).map(() => '')];
    const m = medians(row.runs);
    const missed = SHORT.map((name, i) => `${name} ${m.scores[i]}`).filter(
      (_, i) => m.scores[i]! < TARGET.score,
    );
    if (m.cls > TARGET.cls) missed.push(`CLS ${m.cls.toFixed(3)}`);
    if (row.formFactor === 'mobile' && m.tbt >= TARGET.tbt) missed.push(`TBT ${n(Math.round(m.tbt))}`);
    if (row.runs.length < RUNS) label[1] += ` (${row.runs.length}/${RUNS} runs)`;
    return [
      ...label,
      ...m.scores.map(n),
      n(Math.round(m.lcp)),
      m.cls.toFixed(3),
      n(Math.round(m.tbt)),
      n(m.requests),
      n(Math.round(m.cpuIndex)),
      missed.length ? `✗ missed: ${missed.join(', ')}` : '✓ met',
    ];
  });
  return table(head, lines);
}

/** A page's median main-thread time and LCP, each as a multiple of its floor page's. */
function renderRatios({ real, floor }: RenderRow): { work: number; lcp: number } {
  const ratio = (figure: (run: LoadCost) => number) => medianOf(real, figure) / medianOf(floor, figure);
  return { work: ratio((r) => work(r.wall)), lcp: ratio((r) => r.lcp) };
}

function renderTable(rows: RenderRow[]): string {
  const head = ['Page', 'Elements page / floor', 'Main thread ms page / floor', `Ratio (≤ ${TARGET.work})`];
  head.push('Style / layout / script / paint ms', 'CPU ms page / floor', 'FCP ms page / floor');
  head.push('LCP ms page / floor', `LCP ratio (≤ ${TARGET.lcp})`, 'Load (1 min)');
  const lines = rows.map((row) => {
    const { page, real, floor } = row;
    const ms = (value: number) => n(Math.round(value));
    /** "page / floor": a figure's medians side by side. */
    const pair = (figure: (run: LoadCost) => number) =>
      `${ms(medianOf(real, figure))} / ${ms(medianOf(floor, figure))}`;
    const ratios = renderRatios(row);
    const parts = (['style', 'layout', 'script', 'paint'] as const).map((part) =>
      ms(medianOf(real, (r) => r.wall[part])),
    );
    const loads = [...real, ...floor].map((r) => r.load);
    return [
      `\`${page}\``,
      pair((r) => r.elements),
      pair((r) => work(r.wall)),
      `${ratios.work.toFixed(2)} ${mark(ratios.work <= TARGET.work)}`,
      parts.join(' / '),
      pair((r) => work(r.cpu)),
      pair((r) => r.fcp),
      pair((r) => r.lcp),
      `${ratios.lcp.toFixed(2)} ${mark(ratios.lcp <= TARGET.lcp)}`,
      `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`,
    ];
  });
  return table(head, lines);
}

function notes(rows: LighthouseRow[]): string {
  const lines = rows.flatMap((row) => [
    ...findings(row.runs).map((f) => `- \`${row.page}\` ${row.formFactor}: ${f}`),
    ...row.errors.map((e) => `- \`${row.page}\` ${row.formFactor}: run failed: ${e}`),
  ]);
  return lines.length
    ? `Audits that cost points, and failed runs:\n\n${lines.join('\n')}`
    : 'No audit cost points.';
}

/** The figures a change is judged by, kept in latest.md (as a comment) for the next run to diff. */
function headline(
  pages: PageWeight[],
  screens: FirstScreen[],
  rows: LighthouseRow[],
  render: RenderRow[],
): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const row of render) {
    const ratios = renderRatios(row);
    figures[`${row.page} main thread ms`] = Math.round(medianOf(row.real, (r) => work(r.wall)));
    figures[`${row.page} main thread ÷ floor`] = Number(ratios.work.toFixed(2));
    figures[`${row.page} LCP ÷ floor`] = Number(ratios.lcp.toFixed(2));
  }
  for (const screen of screens) figures[`${screen.page} first screens missed`] = screen.differs.length;
  for (const p of pages) {
    figures[`${p.page} HTML gz`] = p.html.gzip;
    figures[`${p.page} critical gz`] = p.criticalGzip;
    figures[`${p.page} JS gz`] = p.js.gzip;
    figures[`${p.page} requests`] = p.requests;
  }
  for (const row of rows.filter((r) => r.runs.length)) {
    const m = medians(row.runs);
    const key = `${row.page} ${row.formFactor}`;
    SHORT.forEach((name, i) => (figures[`${key} ${name}`] = m.scores[i]!));
    figures[`${key} LCP ms`] = Math.round(m.lcp);
    figures[`${key} CLS`] = Number(m.cls.toFixed(3));
    figures[`${key} TBT ms`] = Math.round(m.tbt);
  }
  return figures;
}

function diffAgainst(previousFile: string, now: Record<string, number>): string {
  const saved = existsSync(previousFile) && /<!-- headline (.*) -->/.exec(readFileSync(previousFile, 'utf8'));
  if (!saved) return 'No previous results to compare with.';
  const before = JSON.parse(saved[1]!) as Record<string, number>;
  const changed = Object.keys({ ...before, ...now }).filter((key) => before[key] !== now[key]);
  if (!changed.length) return 'No change in the headline figures since the previous run.';
  const lines = changed.map((key) => {
    const delta = Number(((now[key] ?? NaN) - (before[key] ?? NaN)).toFixed(3));
    const sign = delta > 0 ? '+' : '';
    return `  ${key}: ${n(before[key])} → ${n(now[key])}${Number.isNaN(delta) ? '' : ` (${sign}${n(delta)})`}`;
  });
  return `Changes since the previous run (${path.relative(process.cwd(), previousFile)}):\n${lines.join('\n')}`;
}

/** Lighthouse runs one after another: on two cores, parallel runs would skew each other's timings. */
async function lighthouseRows(baseUrl: string, pages: PageWeight[]): Promise<LighthouseRow[]> {
  const rows: LighthouseRow[] = [];
  for (const { page } of pages) {
    for (const formFactor of FORM_FACTORS) {
      const row: LighthouseRow = { page, formFactor, runs: [], errors: [] };
      rows.push(row);
      for (let i = 1; i <= RUNS; i++) {
        // Stop starting runs in time to write the report before the overall limit.
        if (Date.now() - startedAt > TOTAL_TIMEOUT_MS - RUN_TIMEOUT_MS - 10_000) {
          row.errors.push(`run ${i} skipped: out of time`);
          continue;
        }
        process.stderr.write(`Lighthouse ${formFactor} ${page} run ${i}/${RUNS}\n`);
        await runLighthouse(`${baseUrl}${page}`, formFactor, RUN_TIMEOUT_MS).then(
          (lhr) => row.runs.push(lhr),
          (error: Error) => row.errors.push(`run ${i}: ${error.message}`),
        );
      }
    }
  }
  return rows;
}

/** The build-scaling report, also kept on its own in results/build-scale.md. */
function buildScaling(): string {
  const report = benchBuildScaling(scaling);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, 'build-scale.md'),
    `# Build scaling ${new Date().toISOString()}\n\n${report.replace(/^## Build scaling\n\n/, '')}\n`,
  );
  return report;
}

async function main(): Promise<number> {
  if (searchOnly) {
    const report = await benchSearchScale(searchScaleOptions(args), (line) =>
      process.stderr.write(`${line}\n`),
    );
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, 'search-scale.md');
    writeFileSync(
      file,
      `# Search at scale ${new Date().toISOString()}\n\n${report.replace(/^## Search at scale\n\n/, '')}\n`,
    );
    console.log(`${report}\n\nWritten to ${path.relative(process.cwd(), file)}`);
    return 0;
  }
  if (scaleOnly) {
    console.log(
      `${buildScaling()}\n\nWritten to ${path.relative(process.cwd(), path.join(resultsDir, 'build-scale.md'))}`,
    );
    return 0;
  }
  const files = existsSync(siteDir) ? htmlFiles(siteDir) : [];
  if (!files.length) throw new Error(`no HTML pages in ${siteDir}; build the site first (npm run build)`);
  // First, so that the builds' own timings are not what a slow Lighthouse run cuts short.
  const scaleReport = buildScaling();
  // Debian's wrapper script prints shell noise on stderr; the version is on stdout.
  const chromium = execFileSync(CHROMIUM, ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const loadAtStart = loadavg();
  const pages = files.map((file) => measurePage(siteDir, file));

  // Pages gzipped, as a host sends them (the render cost's network is throttled), and each
  // page's floor page beside it under FLOOR.
  const floors = new Map(pages.map((p, i) => [`${FLOOR}${p.page}`, files[i]!]));
  const { server, url } = await serveStatic(siteDir, {
    gzip: true,
    extra: (pathname) => {
      const file = floors.get(pathname);
      return file
        ? {
            type: 'text/html; charset=utf-8',
            body: floorPage(readFileSync(path.join(siteDir, file), 'utf8')),
          }
        : undefined;
    },
  });
  let rows: LighthouseRow[];
  let render: RenderRow[];
  const screens: FirstScreen[] = [];
  try {
    const browser = await launchBrowser();
    try {
      for (const [index, file] of files.entries()) {
        process.stderr.write(`First screen ${pages[index]!.page}\n`);
        screens.push(await checkFirstScreen(browser, url, siteDir, file, pages[index]!.page));
      }
      const pairs = pages.map(({ page }) => ({ page, floor: `${FLOOR}${page}` }));
      render = await measureRenderCost(browser, url, pairs, RENDER_RUNS, (line) =>
        process.stderr.write(`${line}\n`),
      );
    } finally {
      await browser.close();
    }
    rows = await lighthouseRows(url, pages);
  } finally {
    server.closeAllConnections();
    server.close();
  }

  const lighthouseVersion = rows.find((row) => row.runs.length)?.runs[0]?.lighthouseVersion ?? '?';
  const now = headline(pages, screens, rows, render);
  const report = [
    `# Benchmark ${new Date().toISOString()}`,
    [
      `Site: \`${path.relative(process.cwd(), siteDir) || '.'}\` · Node ${process.version} · ${chromium.trim()} · Lighthouse ${lighthouseVersion}  `,
      `Load average (1 / 5 / 15 min) on ${os.cpus().length} CPUs: ${loadAtStart} at start, ${loadavg()} at end`,
    ].join('\n'),
    '## Page weight (bytes; gz = gzip level 9, br = brotli quality 11)',
    weightTable(pages, screens),
    [
      'Critical path = the whole HTML + render-blocking external CSS and JS (gzip). The browser paints HTML as it arrives,',
      `so the target is the first screen: "First screen" cuts the gzip stream after ${n(FIRST_ROUND_TRIP)} bytes (10 TCP segments, the first round trip),`,
      'renders only what that prefix decodes to, and compares the first screen pixel for pixel with the whole page at 390×844 and 1280×800 (JS off).',
      'Requests = the page plus the distinct URLs its markup and CSS reference.',
    ].join(' '),
    `## Render cost on a throttled phone, beside the floor page (median of ${RENDER_RUNS} alternating runs)`,
    renderTable(render),
    [
      `Chromium at ${PHONE.width}×${PHONE.height}, CPU slowed ${THROTTLING.cpu}×, ${THROTTLING.latencyMs} ms latency,`,
      `${THROTTLING.downloadKbps / 1000} Mbit/s down (applied throttling), pages gzipped; each load traced in a fresh context and read with`,
      "Lighthouse's trace model. Main thread = style + layout + script + paint, wall-clock (parsing aside: the floor page has the same text to parse).",
      'The floor page (bench/floor-page.ts) is the same page reduced to its text as bare semantic HTML: no CSS, no JavaScript, the least work any browser can do to show that content.',
      "CPU ms = the same tasks in CPU time, which moves far less with the machine's load. Targets: main thread within 1.5× of the floor, LCP within 1.1×.",
    ].join(' '),
    `## Lighthouse (median of ${RUNS} runs; mobile = default config, desktop = desktop config)`,
    lighthouseTable(rows),
    'Requests = what Chromium fetched. CPU index = Lighthouse benchmarkIndex (lower = slower or busier machine); mobile simulates a CPU 4× slower than this one, so its TBT and Perf score move with machine load.',
    notes(rows),
    scaleReport,
  ].join('\n\n');

  mkdirSync(resultsDir, { recursive: true });
  const latest = path.join(resultsDir, 'latest.md');
  const previous = path.join(resultsDir, 'previous.md');
  if (existsSync(latest)) renameSync(latest, previous);
  writeFileSync(latest, `${report}\n\n<!-- headline ${JSON.stringify(now)} -->\n`);
  console.log(
    `${report}\n\n${diffAgainst(previous, now)}\n\nWritten to ${path.relative(process.cwd(), latest)}`,
  );
  return rows.some((row) => row.runs.length) ? 0 : 1; // no Lighthouse figures at all: it did not run
}

// Whatever ends the process, leave no Chromium (or its profile) behind.
process.on('exit', killAllChromium);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
// Not unref'd, so it also ends a run that hangs with nothing else keeping the process alive.
setTimeout(() => {
  console.error(`bench: stopped after ${TOTAL_TIMEOUT_MS / 60_000} minutes`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
