/**
 * The card cache (issue 14): a card is drawn once for what decides its bytes and then served from
 * the cache byte for byte; the key changes with every input, with the drawing code and with every
 * font file the drawing reads; writes are atomic; entries unused for 30 days are pruned.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import {
  cacheFile,
  cardCacheDir,
  prepareCards,
  renderCard,
  RENDERER_SOURCES,
  type Card,
} from '../src/lib/social-card';
import { root } from './build';

// Every file read, to compare the fonts the key hashes with the fonts a drawing reads.
const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const readFileSync = ((file: unknown, ...rest: never[]) => {
    if (typeof file === 'string') reads.push(file);
    return fs.readFileSync(file as string, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, readFileSync, default: { ...fs, readFileSync } };
});
const fontsRead = () => reads.filter((file) => file.includes(`${path.sep}@fontsource${path.sep}`));

const cache = mkdtempSync(path.join(tmpdir(), 'card-cache-'));
beforeAll(() => {
  process.env.CARD_CACHE_DIR = cache;
});
afterAll(() => {
  delete process.env.CARD_CACHE_DIR;
  rmSync(cache, { recursive: true, force: true });
});

const card: Card = {
  title: 'Why did Russia care?',
  context: 'An explainer',
  label: 'Section 6 of 9',
  siteName: 'Explainers',
};
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

// First in this file: the module prunes once, at its first prepareCards.
it('prunes entries unused for 30 days and temporary files left behind, and nothing else', () => {
  expect(cardCacheDir()).toBe(cache);
  const entry = (digit: string) => path.join(cache, `${digit.repeat(64)}.png`);
  const [stale, recent] = [entry('a'), entry('b')];
  const leftover = `${entry('c')}.123-0-0.tmp`;
  const notOurs = path.join(cache, 'notes.txt');
  for (const file of [stale, recent, leftover, notOurs]) writeFileSync(file, 'x');
  utimesSync(stale, daysAgo(31), daysAgo(31));
  utimesSync(recent, daysAgo(29), daysAgo(29));
  utimesSync(leftover, daysAgo(1), daysAgo(1));
  utimesSync(notOurs, daysAgo(400), daysAgo(400));
  prepareCards([]);
  expect(readdirSync(cache).sort()).toEqual([path.basename(recent), 'notes.txt']);
  for (const file of [recent, notOurs]) rmSync(file);
});

it('draws a card once, then serves the same bytes from the cache and refreshes its date', async () => {
  expect(prepareCards([card])).toEqual({ cards: 1, cached: 0, drawing: 1 });
  const drawn = await renderCard(card);
  expect(readFileSync(cacheFile(card)).equals(drawn)).toBe(true);
  expect(prepareCards([card])).toEqual({ cards: 1, cached: 1, drawing: 0 });
  utimesSync(cacheFile(card), daysAgo(20), daysAgo(20));
  expect((await renderCard(card)).equals(drawn)).toBe(true);
  expect(Date.now() - statSync(cacheFile(card)).mtimeMs).toBeLessThan(DAY);
});

it('serves what the cache holds: a hit does not draw', async () => {
  const other = await renderCard({ ...card, title: 'Another card' });
  writeFileSync(cacheFile(card), other);
  expect((await renderCard(card)).equals(other)).toBe(true);
  rmSync(cacheFile(card));
});

it('draws again over a broken cache file', async () => {
  writeFileSync(cacheFile(card), 'not a PNG');
  const png = await renderCard(card);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(readFileSync(cacheFile(card)).equals(png)).toBe(true);
});

it('keys each card by all of its text', () => {
  const files = [
    card,
    { ...card, title: 'Why did Russia care' },
    { ...card, context: 'Another explainer' },
    { ...card, context: undefined },
    { ...card, label: 'Section 7 of 9' },
    { ...card, siteName: 'Elsewhere' },
  ].map(cacheFile);
  expect(new Set(files).size).toBe(files.length);
  expect(cacheFile({ ...card })).toBe(files[0]);
});

it('hashes every file the drawing code imports, so a change to any draws the cards anew', () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(path.join(root, 'src/lib', file), 'utf8');
    for (const [, local] of source.matchAll(/from '\.\/([^']+)'/g)) visit(local!);
  };
  visit('social-card-draw.ts');
  expect([...seen].sort()).toEqual([...RENDERER_SOURCES].sort());
});

it('hashes every font file a drawing reads, the fallback ones too: new fonts draw the cards anew', async () => {
  vi.resetModules();
  reads.length = 0;
  (await import('../src/lib/social-card')).cacheFile(card);
  const hashed = fontsRead();
  reads.length = 0;
  // Drawn here rather than in a worker, to see its reads; emoji and CJK need every fallback.
  await (await import('../src/lib/social-card-draw')).drawCard({ ...card, title: 'Talks 🤝 in 東京' });
  const drawn = fontsRead();
  expect(drawn.filter((file) => file.includes('noto-emoji')).length).toBeGreaterThan(0);
  expect(drawn.filter((file) => !hashed.includes(file))).toEqual([]);
});

it('draws cards side by side and leaves no temporary files', async () => {
  const cards = Array.from({ length: 6 }, (_, i) => ({ ...card, label: `Section ${i + 1} of 6` }));
  expect(prepareCards(cards).drawing).toBe(6);
  const pngs = await Promise.all(cards.map(renderCard));
  expect(new Set(pngs.map((png) => png.toString('base64'))).size).toBe(6);
  expect(readdirSync(cache).filter((name) => !name.endsWith('.png'))).toEqual([]);
});
