/**
 * Social cards for the build. Drawing one (social-card-draw.ts) costs tens of milliseconds of
 * CPU, so each card is drawn only when what decides its bytes changes: the PNG is kept in a cache
 * folder between builds, named by a hash of the card's text, the drawing code, the fonts and the
 * versions of satori and resvg. Cards missing from the cache are drawn in parallel, in worker
 * threads, while the build goes on.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { drawPng, FONT_FILES, type Card } from './social-card-draw.ts';

export type { Card };

// Resolve from the project root: inside Astro's build this module runs from a bundled chunk,
// while the workers run the drawing code from src/lib as it is.
const ROOT = process.cwd();
const LIB = path.join(ROOT, 'src/lib');
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));

/** Every source file whose code decides a card's pixels (the drawing module and its imports). */
export const RENDERER_SOURCES = ['social-card-draw.ts', 'social.ts'];
/** Cache entries unused for this long are deleted; every hit refreshes an entry's date. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
// Two cores: two workers keep both busy while the main thread mostly waits for them.
const WORKERS = Math.max(1, Math.min(4, os.availableParallelism()));

/** Where cards are kept between builds: CARD_CACHE_DIR, for a CI to keep it, or node_modules/.cache. */
export const cardCacheDir = () =>
  path.resolve(ROOT, process.env.CARD_CACHE_DIR ?? 'node_modules/.cache/social-cards');

let fingerprint: string | undefined;
/** A hash of the drawing code, all the font files (the fallback ones too) and the satori and resvg versions, read once. */
function rendererFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  for (const file of RENDERER_SOURCES) hash.update(readFileSync(path.join(LIB, file)));
  for (const { file } of FONT_FILES) {
    hash.update(readFileSync(requireFromRoot.resolve(`@fontsource/${file}`)));
  }
  for (const name of ['satori', '@resvg/resvg-js']) {
    hash.update(`${name}@${(requireFromRoot(`${name}/package.json`) as { version: string }).version}`);
  }
  return (fingerprint = hash.digest('hex'));
}

/** The cache file of a card: its name is the hash of everything that decides the card's bytes. */
export function cacheFile(card: Card): string {
  const inputs = JSON.stringify([
    card.title,
    card.context ?? null,
    card.dek ?? null,
    card.label ?? null,
    card.siteName,
  ]);
  const key = createHash('sha256').update(rendererFingerprint()).update(inputs).digest('hex');
  return path.join(cardCacheDir(), `${key}.png`);
}

const PNG_START = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from('IEND\xaeB`\x82', 'latin1');

/** A cached card, or undefined; a hit refreshes the file's date so that pruning keeps it. */
function readCached(file: string): Buffer | undefined {
  let png: Buffer;
  try {
    png = readFileSync(file);
  } catch {
    return undefined;
  }
  // Writes are atomic, so a broken file means someone else's doing: draw the card again.
  if (!png.subarray(0, 8).equals(PNG_START) || !png.subarray(-8).equals(PNG_END)) return undefined;
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    // A read-only cache still serves hits.
  }
  return png;
}

let written = 0;
/** Writes to a temporary name, then renames: builds sharing the cache never read half a file. */
function keep(file: string, png: Buffer): void {
  const temp = `${file}.${process.pid}-${threadId}-${written++}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, png);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    console.warn(
      `[social cards] could not keep a card in ${path.dirname(file)}: ${(error as Error).message}`,
    );
  }
}

/** A cache entry's name, or a temporary one: pruning touches nothing else in the folder. */
const OURS = /^[0-9a-f]{64}\.png(\.[\w-]+\.tmp)?$/;

/** Deletes entries unused for MAX_AGE_MS, and temporary files a killed build left behind. */
function prune(dir: string): void {
  const now = Date.now();
  for (const name of existsSync(dir) ? readdirSync(dir).filter((name) => OURS.test(name)) : []) {
    const file = path.join(dir, name);
    try {
      const age = now - statSync(file).mtimeMs;
      if (age > MAX_AGE_MS || (name.endsWith('.tmp') && age > 60 * 60 * 1000)) rmSync(file, { force: true });
    } catch {
      // Another build pruned it first.
    }
  }
}

interface Job {
  card: Card;
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
}
const queue: Job[] = [];
const idle: Worker[] = [];
const running = new Map<Worker, Job>();

function startWorker(): Worker {
  const worker = new Worker(path.join(LIB, 'social-card-worker.ts'));
  worker.on('message', ({ png, error }: { png?: Uint8Array; error?: string }) => {
    const job = running.get(worker)!;
    running.delete(worker);
    if (png) job.resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
    else job.reject(new Error(`social card "${job.card.title}": ${error}`));
    // An idle worker must not keep the process alive once the build is done.
    worker.unref();
    idle.push(worker);
    pump();
  });
  // A worker that crashes fails its card (and so the build); the queue goes on in a new one.
  worker.on('error', (error) => {
    running.get(worker)?.reject(error);
    running.delete(worker);
    pump();
  });
  return worker;
}

function pump(): void {
  while (queue.length && (idle.length || running.size + idle.length < WORKERS)) {
    const worker = idle.pop() ?? startWorker();
    const job = queue.shift()!;
    running.set(worker, job);
    worker.ref();
    worker.postMessage({ card: job.card });
  }
}

/** Draws a card in a worker thread and keeps it in the cache. */
async function drawAndKeep(file: string, card: Card): Promise<Buffer> {
  const png = await new Promise<Buffer>((resolve, reject) => {
    queue.push({ card, resolve, reject });
    pump();
  });
  keep(file, png);
  return png;
}

/** Cards being drawn, by cache file; the page that asks for one takes it out. */
const inFlight = new Map<string, Promise<Buffer>>();
let pruned = false;

/**
 * Starts drawing, in parallel, every card that is not in the cache, so that the pages asking
 * for them later find them drawn or on the way. Says how many came from the cache.
 */
export function prepareCards(cards: Card[]): { cards: number; cached: number; drawing: number } {
  const dir = cardCacheDir();
  if (!pruned) prune(dir);
  pruned = true;
  let cached = 0;
  let drawing = 0;
  for (const card of cards) {
    const file = cacheFile(card);
    if (inFlight.has(file)) continue;
    if (existsSync(file)) {
      cached++;
      continue;
    }
    const png = drawAndKeep(file, card);
    png.catch(() => {}); // reported by the page that needs the card
    inFlight.set(file, png);
    drawing++;
  }
  const threads = Math.min(WORKERS, drawing);
  const on = threads ? ` on ${threads} thread${threads > 1 ? 's' : ''}` : '';
  console.info(
    `[social cards] ${cards.length} cards: ${cached} from the cache, ${drawing} to draw${on} (cache: ${shown(dir)})`,
  );
  return { cards: cards.length, cached, drawing };
}

const shown = (dir: string) => (dir.startsWith(ROOT + path.sep) ? path.relative(ROOT, dir) : dir);

/** The PNG of one card: from the cards being drawn, from the cache, or drawn now. */
export function renderCard(card: Card): Promise<Buffer> {
  const file = cacheFile(card);
  const pending = inFlight.get(file);
  inFlight.delete(file);
  if (pending) return pending;
  const png = readCached(file);
  return png ? Promise.resolve(png) : drawAndKeep(file, card);
}

/** Renders an SVG file (the favicon) to a square PNG, for the apple-touch-icon. */
export function renderSquarePng(svg: string, size: number): Buffer {
  return drawPng(svg, { fitTo: { mode: 'width', value: size } });
}
