/**
 * Tables as a reader sees them on a phone and a wide screen (issue 20, finding 3): a table with
 * long row names and a wide one with short row names, in a story this file builds for itself.
 * Every figure can be read whole at some sideways scroll position, never covered by the row
 * names kept in view, and no cell is cut off.
 */
import type { Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/serve-static';
import { astroBuild } from '../build';
import { fixture, scratch, SECTION } from '../fixtures';
import { VIEWPORTS } from './browser';
import { type Engine, engineName, type OpenOptions, type ServerControl } from './engines';

const work = scratch('tables');
const site = path.join(work, 'dist');

const LONG_ROW_NAMES = `Table: Afghans abroad at the end of 2021, by country and status

| Country of asylum and the status the figures count | Afghans |
| --- | --- |
| Pakistan, refugees holding Proof of Registration cards issued by the government | More than 1,280,000 |
| Iran, refugees and holders of Amayesh cards counted in the census of that year | More than 780,000 |
| Germany, people granted asylum or another protection status since 2015 | More than 123,000 |
`;

const WIDE = `Table: Seats won, by party and election

| Party | 2005 | 2010 | 2018 | Change since 2005 | Share of the vote in 2018 |
| --- | --- | --- | --- | --- | --- |
| Alpha | 12 | 15 | 19 | up 7 seats | 21.4 per cent |
| Beta | 30 | 28 | 22 | down 8 seats | 18.9 per cent |
| Gamma | 4 | 9 | 11 | up 7 seats | 9.2 per cent |
`;

/** Serves the built story the way engines.ts serves the shared test build, engine hooks included. */
async function start(): Promise<{ server: Server; engine: Engine }> {
  const control: ServerControl = { base: '', blockScripts: false, tabScript: null, failures: [] };
  const { server, url } = await serveStatic(site, {
    rewritePage: (html) =>
      control.tabScript ? html.replace('<head>', '<head><script src="/__tab.js"></script>') : html,
    extra: (pathname) =>
      pathname === '/__tab.js' && control.tabScript !== null
        ? { type: 'text/javascript', body: control.tabScript }
        : undefined,
  });
  control.base = url;
  const engine =
    engineName === 'chromium'
      ? await (await import('./chromium')).launchChromiumEngine(control)
      : engineName === 'webkit'
        ? await (await import('./webkit')).launchWebKit(control)
        : await (await import('./firefox')).launchFirefox(engineName, control);
  return { server, engine };
}

let server: Server | undefined;
let engine: Engine | undefined;
beforeAll(async () => {
  const fix = fixture(work, 'tables');
  fix.edit(SECTION, (text) => text.replace('\n[^1]:', `\n${LONG_ROW_NAMES}\n${WIDE}\n[^1]:`));
  const { status, output } = astroBuild({
    CONTENT_DIR: fix.dir,
    OUT_DIR: site,
    CACHE_DIR: path.join(work, 'cache'),
    SKIP_SOCIAL_CARDS: '1',
  });
  expect(status, output).toBe(0);
  ({ server, engine } = await start());
}, 180_000);
afterAll(async () => {
  await engine?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/**
 * For each figure cell of the index-th table: whether, at some sideways scroll position, it is
 * whole inside the table's box and clear of the row names kept in view; and whether its text
 * overflows it. Cells that fail are described.
 */
const unreadableCells = (index: number) => {
  const box = document.querySelectorAll<HTMLElement>('.table-scroll')[index]!;
  box.scrollIntoView({ block: 'start', behavior: 'instant' });
  const cells = [...box.querySelectorAll<HTMLElement>('td')];
  const seen = new Set<HTMLElement>();
  const max = box.scrollWidth - box.clientWidth;
  for (let left = 0; ; left = Math.min(max, left + 20)) {
    box.scrollTo({ left, behavior: 'instant' });
    const frame = box.getBoundingClientRect();
    const inner = { left: frame.left + box.clientLeft, right: frame.left + box.clientLeft + box.clientWidth };
    for (const cell of cells) {
      const row = cell.closest('tr')!;
      const name = row.cells[0]!;
      // The row name covers what lies under it only when it stays in view (position: sticky).
      const covered =
        getComputedStyle(name).position === 'sticky' ? name.getBoundingClientRect().right : inner.left;
      const rect = cell.getBoundingClientRect();
      if (rect.left >= Math.max(inner.left, covered) - 0.5 && rect.right <= inner.right + 0.5) seen.add(cell);
    }
    if (left >= max) break;
  }
  return cells.flatMap((cell) => {
    const problems = [
      !seen.has(cell) && 'never whole in view',
      cell.scrollWidth > cell.clientWidth + 1 && 'text overflows',
    ].filter(Boolean);
    return problems.length ? [`${cell.textContent}: ${problems.join(', ')}`] : [];
  });
};

describe.each([
  ['a phone', { viewport: VIEWPORTS.phone, touch: true }],
  ['a wide screen', { viewport: VIEWPORTS.desktop }],
] as [string, OpenOptions][])('tables on %s', (label, options) => {
  it.each([
    [0, 'long row names'],
    [1, 'six columns'],
  ])('table %i (%s): every figure readable whole at some scroll position', async (index, what) => {
    const tab = await engine!.open('/story/', options);
    expect(await tab.evaluate(() => document.querySelectorAll('.table-scroll').length)).toBe(2);
    expect(await tab.evaluate(unreadableCells, index)).toEqual([]);
    // The page itself never scrolls sideways because of a table.
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      options.viewport.width,
    );
    await tab.evaluate((index) => {
      const box = document.querySelectorAll('.table-scroll')[index]!;
      box.scrollIntoView({ block: 'start', behavior: 'instant' });
      box.scrollTo({ left: box.scrollWidth, behavior: 'instant' });
    }, index);
    await tab.screenshot(`tables-${what.replace(/ /g, '-')}-${label.replace(/ /g, '-')}`);
    await tab.close();
  });
});
