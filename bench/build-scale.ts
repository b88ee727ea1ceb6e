/**
 * Build scaling (issues 12 and 14): builds the site from 1, 10 and 50 copies of the explainers,
 * each size three ways, and reports time, CPU, peak memory and milliseconds per page:
 *
 * - cold: empty card cache and empty Astro cache, as on a first build or a CI without caches;
 * - warm: the same again, with both caches kept from the cold build (the usual rebuild);
 * - no cards: warm Astro cache, the social card route left out (SKIP_SOCIAL_CARDS=1), to weigh
 *   what the cards cost.
 *
 * With --baseline <git ref>, that commit's code (git archive into a temporary folder, sharing
 * node_modules) also builds each size cold, side by side in the same run. Every figure is the
 * median of the rounds, the rounds interleaved so that a change in the machine's load touches
 * every kind of build alike. Nothing is a timed test: it reports, marks targets met or missed.
 *
 *   node bench/run.ts --scale [--counts 1,10,50] [--rounds 3] [--baseline <ref>]
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const CONTENT = path.join(root, 'content/explainers');
/** A cold build of 50 explainers took this long before the card cache (issue 14). */
const BEFORE_COLD_50_MS = 57_600;
const BUILD_TIMEOUT_MS = 10 * 60_000;

type Kind = 'cold' | 'warm' | 'no cards' | 'baseline cold';

interface Build {
  kind: Kind;
  explainers: number;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  pages: number;
  cards: number;
  /** From the build's "[social cards] N cards: H from the cache" line. */
  cardHits?: { hits: number; cards: number };
  /** What Astro logged for generating each kind of route, in ms. */
  cardRouteMs: number;
  mapRouteMs: number;
  loadBefore: number;
  loadAfter: number;
}

interface Options {
  counts: number[];
  rounds: number;
  baseline?: string;
}

/** Reads --counts, --rounds and --baseline from the command line. */
export function scaleOptions(argv: string[]): Options {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    counts: (value('--counts') ?? '1,10,50').split(',').map(Number),
    rounds: Number(value('--rounds') ?? 3),
    baseline: value('--baseline'),
  };
}

/**
 * For a --baseline from before timeline.yaml named sections by slug alone (f4f5213 and earlier):
 * there each event's section is "<explainer folder>/<slug>", so a copy under another folder name
 * must say so. Content of today has no such prefix, and this changes nothing in it.
 */
function rewriteTimelinePrefix(dir: string, from: string, to: string): void {
  const file = path.join(dir, 'timeline.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replaceAll(new RegExp(`^(\\s*section: )${from}/`, 'gm'), `$1${to}/`));
}

/**
 * Copies the explainers round-robin into `count` folders. Each copy's title gets its number, so
 * that no two copies share a social card (the card cache would otherwise draw one for all).
 */
function copyExplainers(count: number, into: string, from = CONTENT): void {
  const stories = readdirSync(from).sort();
  for (let i = 1; i <= count; i++) {
    const story = stories[(i - 1) % stories.length]!;
    const name = `${story}-copy-${i}`;
    const dir = path.join(into, name);
    cpSync(path.join(from, story), dir, { recursive: true });
    rewriteTimelinePrefix(dir, story, name);
    const file = path.join(dir, 'explainer.yaml');
    const doc = parseDocument(readFileSync(file, 'utf8'));
    doc.set('title', `${String(doc.get('title'))} (copy ${i})`);
    writeFileSync(file, doc.toString({ lineWidth: 0 }));
  }
}

/** The code of another commit, in a folder of its own that uses this checkout's node_modules. */
function checkout(ref: string, into: string): void {
  const tar = spawnSync('git', ['archive', '--format=tar', ref], { cwd: root, maxBuffer: 1 << 30 });
  if (tar.status !== 0) throw new Error(`git archive ${ref}: ${tar.stderr.toString()}`);
  mkdirSync(into, { recursive: true });
  const untar = spawnSync('tar', ['-x', '-C', into], { input: tar.stdout });
  if (untar.status !== 0) throw new Error(`tar: ${untar.stderr.toString()}`);
  symlinkSync(path.join(root, 'node_modules'), path.join(into, 'node_modules'));
}

const load = () => os.loadavg()[0]!;
const files = (dir: string, ending: string) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ending))
    : [];

/** Runs one `astro build` with the given code folder and environment, and measures it. */
function build(kind: Kind, explainers: number, cwd: string, env: Record<string, string>): Build {
  const out = env.OUT_DIR!;
  const usageFile = `${out}.usage.json`;
  const loadBefore = load();
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--import', path.join(root, 'bench/build-usage.ts'), 'node_modules/astro/bin/astro.mjs', 'build'],
    {
      cwd,
      env: {
        ...process.env,
        ...env,
        BENCH_USAGE_FILE: usageFile,
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
      },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      timeout: BUILD_TIMEOUT_MS,
    },
  );
  const wallMs = performance.now() - started;
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) {
    throw new Error(`${kind} build of ${explainers} explainers failed:\n${output.slice(-4000)}`);
  }
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRssMb: number };
  const routeMs = (pattern: RegExp) =>
    [...output.matchAll(/[├└]─ (\S+) \(\+(\d+)ms\)/g)]
      .filter(([, route]) => pattern.test(route!))
      .reduce((sum, [, , ms]) => sum + Number(ms), 0);
  const hits = /\[social cards\] (\d+) cards: (\d+) from the cache/.exec(output);
  const measured: Build = {
    kind,
    explainers,
    wallMs,
    ...usage,
    pages: files(out, '.html').length,
    cards: files(path.join(out, 'og'), '.png').length,
    cardHits: hits ? { cards: Number(hits[1]), hits: Number(hits[2]) } : undefined,
    cardRouteMs: routeMs(/^\/og\//),
    mapRouteMs: routeMs(/\/map\.svg$/),
    loadBefore,
    loadAfter: load(),
  };
  rmSync(out, { recursive: true, force: true });
  rmSync(usageFile, { force: true });
  return measured;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const n = (value: number, digits = 0) =>
  value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const s = (ms: number) => n(ms / 1000, 1);
const mark = (met: boolean) => (met ? '✓ met' : '✗ missed');
const table = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

/** Runs every build of the plan and returns the report as Markdown. */
export function benchBuildScaling(options: Options): string {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  const startLoad = os.loadavg();
  const builds: Build[] = [];
  try {
    const baselineDir = path.join(work, 'baseline-code');
    if (options.baseline) checkout(options.baseline, baselineDir);
    for (const count of options.counts) {
      const content = path.join(work, `content-${count}`);
      copyExplainers(count, content);
      for (let round = 1; round <= options.rounds; round++) {
        const dirs = (name: string) => ({
          CONTENT_DIR: content,
          OUT_DIR: path.join(work, `out-${name}`),
          CACHE_DIR: path.join(work, `astro-cache-${name}`),
        });
        const ours = dirs(`${count}`);
        const cardCache = path.join(work, `card-cache-${count}`);
        for (const dir of [ours.CACHE_DIR, cardCache]) rmSync(dir, { recursive: true, force: true });
        const step = (kind: Kind) =>
          process.stderr.write(
            `Build scaling: ${count} explainers, round ${round}/${options.rounds}, ${kind}\n`,
          );
        step('cold');
        builds.push(build('cold', count, root, { ...ours, CARD_CACHE_DIR: cardCache }));
        step('warm');
        builds.push(build('warm', count, root, { ...ours, CARD_CACHE_DIR: cardCache }));
        step('no cards');
        builds.push(build('no cards', count, root, { ...ours, SKIP_SOCIAL_CARDS: '1' }));
        if (options.baseline) {
          // The baseline builds its own commit's content (its format may differ), with an empty
          // card cache too, in case it has one.
          const theirContent = path.join(work, `baseline-content-${count}`);
          if (!existsSync(theirContent))
            copyExplainers(count, theirContent, path.join(baselineDir, 'content/explainers'));
          const theirs = {
            ...dirs(`baseline-${count}`),
            CONTENT_DIR: theirContent,
            CARD_CACHE_DIR: path.join(work, 'card-cache-baseline'),
          };
          for (const dir of [theirs.CACHE_DIR, theirs.CARD_CACHE_DIR])
            rmSync(dir, { recursive: true, force: true });
          step('baseline cold');
          builds.push(build('baseline cold', count, baselineDir, theirs));
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return report(options, builds, startLoad);
}

function report(options: Options, builds: Build[], startLoad: number[]): string {
  const kinds: Kind[] = [
    'cold',
    'warm',
    'no cards',
    ...(options.baseline ? (['baseline cold'] as const) : []),
  ];
  const of = (kind: Kind, count: number) => builds.filter((b) => b.kind === kind && b.explainers === count);
  const med = (kind: Kind, count: number, pick: (b: Build) => number) => median(of(kind, count).map(pick));
  const loads = (count: number) => {
    const runs = builds.filter((b) => b.explainers === count);
    return `${n(Math.min(...runs.map((b) => b.loadBefore)), 2)}–${n(Math.max(...runs.map((b) => b.loadAfter)), 2)}`;
  };

  const rows = options.counts.flatMap((count) =>
    kinds.map((kind) => {
      const pages = med(kind, count, (b) => b.pages);
      const wall = med(kind, count, (b) => b.wallMs);
      const hits = of(kind, count).map((b) => b.cardHits);
      const hitRate = hits.every(Boolean)
        ? `${n(median(hits.map((h) => (100 * h!.hits) / Math.max(1, h!.cards))))} % of ${hits[0]!.cards}`
        : '–';
      return [
        String(count),
        kind === 'baseline cold' ? `baseline \`${options.baseline}\` cold` : kind,
        n(pages),
        n(med(kind, count, (b) => b.cards)),
        s(wall),
        s(med(kind, count, (b) => b.cpuMs)),
        n(wall / pages),
        n(med(kind, count, (b) => b.maxRssMb)),
        hitRate,
        `${n((100 * med(kind, count, (b) => b.cardRouteMs)) / wall)} %`,
        `${n((100 * med(kind, count, (b) => b.mapRouteMs)) / wall)} %`,
        loads(count),
      ];
    }),
  );

  const [low, high] = [Math.min(...options.counts), Math.max(...options.counts)];
  const marginal = (kind: Kind, pick: (b: Build) => number) =>
    (med(kind, high, pick) - med(kind, low, pick)) /
    (med(kind, high, (b) => b.pages) - med(kind, low, (b) => b.pages));
  const wall = (b: Build) => b.wallMs;
  const cpu = (b: Build) => b.cpuMs;
  const marginalRows = kinds.map((kind) => [kind, n(marginal(kind, wall), 1), n(marginal(kind, cpu), 1)]);

  const targets: string[] = [];
  if (low !== high) {
    const ratio = (pick: (b: Build) => number) => marginal('warm', pick) / marginal('no cards', pick);
    targets.push(
      `- Warm card cache, cost per added page within 2× of the build without cards: ${n(ratio(wall), 2)}× wall, ${n(ratio(cpu), 2)}× CPU: ${mark(ratio(wall) <= 2)}`,
    );
  }
  if (options.counts.includes(50)) {
    const cold50 = med('cold', 50, wall);
    targets.push(
      `- Cold build of 50 explainers at least 2× faster than the ${s(BEFORE_COLD_50_MS)} s of issue 14: ${s(cold50)} s, ${n(BEFORE_COLD_50_MS / cold50, 2)}×: ${mark(BEFORE_COLD_50_MS / cold50 >= 2)}`,
    );
    if (options.baseline) {
      const ratio = med('baseline cold', 50, wall) / cold50;
      targets.push(
        `- The same, against \`${options.baseline}\` built side by side in this run: ${s(med('baseline cold', 50, wall))} s, ${n(ratio, 2)}×: ${mark(ratio >= 2)}`,
      );
    }
    const share = (pick: (b: Build) => number) => (100 * med('warm', 50, pick)) / med('warm', 50, wall);
    targets.push(
      `- Cards and map do not dominate a warm build of 50 explainers: card routes ${n(share((b) => b.cardRouteMs))} %, map routes ${n(share((b) => b.mapRouteMs))} % of the time: ${mark(share((b) => b.cardRouteMs) < 50 && share((b) => b.mapRouteMs) < 50)}`,
    );
  }

  return [
    '## Build scaling',
    [
      `Copies of the explainers (their titles numbered, so every card differs), built ${options.rounds} times each way, figures the median; Node ${process.version}, ${os.availableParallelism()} CPUs.  `,
      `Load average (1 / 5 / 15 min): ${startLoad.map((l) => n(l, 2)).join(' / ')} at start, ${os
        .loadavg()
        .map((l) => n(l, 2))
        .join(' / ')} at end; the last column gives the 1-minute load around each size's builds.`,
    ].join('\n'),
    table(
      [
        'Explainers',
        'Build',
        'Pages',
        'Cards',
        'Wall s',
        'CPU s',
        'ms per page',
        'Peak MB',
        'Card cache hits',
        'Card routes',
        'Map routes',
        'Load',
      ],
      rows,
    ),
    [
      'cold = empty card and Astro caches; warm = both kept from the cold build; no cards = the card route left out (SKIP_SOCIAL_CARDS=1), warm Astro cache.',
      "Pages = HTML files written; ms per page = wall time / pages. CPU includes every thread (card workers, bundler). Peak MB = the build process's maximum resident memory.",
      "Card routes and map routes = the time Astro logged generating /og/*.png and /<story>/map.svg, as a share of the build's wall time (a card route waits for its card if a worker is still drawing it).",
    ].join(' '),
    ...(low === high
      ? []
      : [
          `### Cost per added page (${low} → ${high} explainers)`,
          table(['Build', 'Wall ms per added page', 'CPU ms per added page'], marginalRows),
        ]),
    targets.join('\n'),
  ].join('\n\n');
}
