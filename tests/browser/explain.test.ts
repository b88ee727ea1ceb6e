/** Glossary terms, who's who links, the positions table and the map, as a reader sees them. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { features, storyWith, VIEWPORTS } from './browser';
import { type OpenOptions, sleep, type Tab, useEngine } from './engines';

const session = useEngine();

const setups: [string, OpenOptions][] = [
  ['a phone, by touch', { viewport: VIEWPORTS.phone, touch: true }],
  ['a wide screen, by mouse', { viewport: VIEWPORTS.desktop }],
  ['a phone with JavaScript off', { viewport: VIEWPORTS.phone, touch: true, javaScript: false }],
];

/** Opens the definition of the index-th term by its button, and reads where it is. */
async function openTerm(tab: Tab, index: number, touch: boolean) {
  const button = 'button.term';
  await (touch ? tab.tap(button, index) : tab.click(button, index));
  const id = await tab.evaluate(
    ([button, index]) => document.querySelectorAll(button)[index]!.getAttribute('popovertarget')!,
    [button, index] as const,
  );
  await tab.waitFor((id) => document.getElementById(id)!.matches(':popover-open'), id);
  // Read it once it has stopped moving (it may move above its word in the next frame).
  for (let last = ''; ;) {
    await sleep(40);
    const where = await placement(tab, id);
    if (where.summary === last) return where;
    last = where.summary;
  }
}

/** Where an open definition is, against its term and the viewport (scrollbars left out). */
function placement(tab: Tab, id: string) {
  return tab.evaluate((id) => {
    const definition = document.getElementById(id)!;
    const box = definition.getBoundingClientRect();
    const term = document.querySelector(`[popovertarget="${id}"]`)!.getBoundingClientRect();
    const { clientWidth: width, clientHeight: height } = document.documentElement;
    return {
      id,
      text: definition.textContent!.trim(),
      inside: box.left >= 0 && box.top >= 0 && box.right <= width + 0.5 && box.bottom <= height + 0.5,
      // The distance between the definition and its word, above or below it.
      gap: Math.max(box.top - term.bottom, term.top - box.bottom),
      centred:
        Math.abs(box.left - (width - box.right)) <= 2 && Math.abs(box.top - (height - box.bottom)) <= 2,
      left: box.left,
      right: width - box.right,
      width: box.width,
      viewportWidth: width,
      summary: `definition ${box.left},${box.top} ${box.width}x${box.height}; term ${term.left},${term.top}; viewport ${width}x${height}`,
    };
  }, id);
}

/** An open definition is whole on screen and by its word; without anchor positioning, centred. */
async function expectReadable(tab: Tab, where: Awaited<ReturnType<typeof placement>>) {
  expect(where.inside, where.summary).toBe(true);
  if ((await features(tab)).anchorPositioning) {
    expect(where.gap, where.summary).toBeGreaterThanOrEqual(0);
    expect(where.gap, where.summary).toBeLessThan(16);
  } else {
    // Firefox ESR 140, older Safari and Chrome: the popover's own box in the middle of the screen.
    expect(where.centred, where.summary).toBe(true);
  }
  // On a phone, a card across the screen with a gutter, not a sliver beside the word.
  if (where.viewportWidth < 640) {
    expect(where.width, where.summary).toBeGreaterThanOrEqual(0.8 * where.viewportWidth);
    expect(Math.min(where.left, where.right), where.summary).toBeGreaterThanOrEqual(8);
  }
}

/** Scrolls the page so the index-th term's top is `offset` pixels from the viewport's top. */
function scrollTermTo(tab: Tab, index: number, offset: number) {
  return tab.evaluate(
    ([index, offset]) => {
      const term = document.querySelectorAll('button.term')[index]!;
      window.scrollTo(0, term.getBoundingClientRect().top + scrollY - offset);
      return scrollY;
    },
    [index, offset] as const,
  );
}

describe('a glossary term', () => {
  // Terms, the last one in the last of six sections of three paragraphs: well down a tall page.
  const explainerPath = storyWith({ terms: 2, sections: 6, paragraphs: 3 });

  it.each(setups)('on %s is underlined, and opens its definition by the word', async (_, options) => {
    const tab = await session.open(explainerPath, options);
    const terms = await tab.evaluate(() => document.querySelectorAll('button.term').length);
    expect(terms).toBeGreaterThan(0);
    // Every word of every term is visibly underlined (WebKit drops a shorthand with var()).
    const decorations = await tab.evaluate(() => [
      ...new Set(
        [...document.querySelectorAll('.term')].map((el) => getComputedStyle(el).textDecorationLine),
      ),
    ]);
    expect(decorations).toEqual(['underline']);
    // The first and the last term on the page, so both ends of the article are covered.
    for (const index of [0, terms - 1]) {
      const where = await openTerm(tab, index, options.touch ?? false);
      await expectReadable(tab, where);
      expect(where.text).toMatch(/^.+: .{20,}/);
      await tab.press('Escape');
      await tab.waitFor((id) => !document.getElementById(id)!.matches(':popover-open'), where.id);
    }
    expect(await tab.problems()).toEqual([]);
    await tab.close();
  });

  // WebKit places anchored boxes against the unscrolled page: once the reader has scrolled, a
  // definition opened above its word and was cut off near the top of the screen.
  it.each(setups)(
    'on %s opens whole near the top and near the bottom of a scrolled page',
    async (_, options) => {
      const tab = await session.open(explainerPath, options);
      const index = (await tab.evaluate(() => document.querySelectorAll('button.term').length)) - 1;
      const { height } = options.viewport;
      for (const offset of [40, height / 2, height - 80]) {
        expect(await scrollTermTo(tab, index, offset)).toBeGreaterThan(2 * height);
        await tab.settle();
        const where = await openTerm(tab, index, options.touch ?? false);
        if (options.javaScript === false && offset > height / 2 && (await features(tab)).anchorPositioning) {
          // Without JavaScript nothing moves it above the word: it opens below, and the reader scrolls.
          expect(where.gap, where.summary).toBeGreaterThanOrEqual(0);
          expect(where.gap, where.summary).toBeLessThan(16);
        } else await expectReadable(tab, where);
        await tab.screenshot(
          `definition-${options.viewport.width}-${options.javaScript === false ? 'nojs-' : ''}${offset}`,
        );
        await tab.press('Escape');
        await tab.waitFor((id) => !document.getElementById(id)!.matches(':popover-open'), where.id);
      }
      await tab.close();
    },
  );

  it('flows like the words around it on a phone, and opens from any of its words', async () => {
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.phone, touch: true });
    // Each paragraph with terms is as tall as the same paragraph with the terms as plain text:
    // a term that cannot break across lines leaves a short line before it.
    const disturbed = await tab.evaluate(() =>
      [...new Set([...document.querySelectorAll('.term')].map((term) => term.closest('p')!))].flatMap((p) => {
        const plain = p.cloneNode(true) as HTMLElement;
        plain.querySelectorAll('[popover]').forEach((el) => el.remove());
        plain.querySelectorAll('.term').forEach((el) => el.replaceWith(...el.childNodes));
        plain.style.cssText = `position:absolute;visibility:hidden;width:${p.clientWidth}px`;
        p.after(plain);
        const [real, text] = [p.getBoundingClientRect().height, plain.getBoundingClientRect().height];
        plain.remove();
        return real > text + 1
          ? [`${p.textContent!.slice(0, 60)}…: ${real} px, as plain text ${text} px`]
          : [];
      }),
    );
    expect(disturbed).toEqual([]);
    // The first word of a term of several words opens its definition too.
    const label = await tab.evaluate(() => {
      const labels = [...document.querySelectorAll('label.term')];
      return labels.length ? [...document.querySelectorAll('.term')].indexOf(labels[0]!) : -1;
    });
    expect(label).toBeGreaterThanOrEqual(0);
    await tab.tap('.term', label);
    expect(await tab.waitFor(() => document.querySelectorAll(':popover-open').length)).toBe(1);
    await tab.close();
  });

  it('closes when the reader taps elsewhere, and its "All terms" link reaches the glossary entry', async () => {
    const tab = await session.open(explainerPath, setups[0][1]);
    const { id } = await openTerm(tab, 0, true);
    await tab.tapMargin();
    await tab.waitFor((id) => !document.getElementById(id)!.matches(':popover-open'), id);
    await openTerm(tab, 0, true);
    await tab.tap(`[id="${id}"] a`);
    await tab.waitFor(() => location.hash.startsWith('#term-'));
    await tab.settle();
    // The address bar keeps the entry the reader went to (timeline-spy must not rewrite it).
    await sleep(200);
    const hash = await tab.evaluate(() => location.hash);
    expect(hash).toMatch(/^#term-/);
    const box = (await tab.box(hash))!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(VIEWPORTS.phone.height / 2);
    await tab.close();
  });
});

describe('a who’s who link', () => {
  const explainerPath = storyWith({ people: 1 });

  it.each(setups)('takes the reader to the card on %s', async (_, options) => {
    const tab = await session.open(explainerPath, options);
    const hash = await tab.evaluate(
      () => document.querySelector<HTMLAnchorElement>('a.person-link')?.hash ?? '',
    );
    expect(hash, 'a person link').toMatch(/^#who-/);
    await (options.touch ? tab.tap('a.person-link') : tab.click('a.person-link'));
    // Polled from outside the page: with JavaScript off nothing can run inside it.
    await tab.waitFor((hash) => location.hash === hash, hash);
    await tab.settle();
    const box = (await tab.box(hash))!;
    expect(Math.round(box.y)).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(options.viewport.height / 2);
    expect(box.y + Math.min(box.height, 200)).toBeLessThanOrEqual(options.viewport.height);
    expect(await tab.evaluate((hash) => document.querySelector(hash)!.matches(':target'), hash)).toBe(true);
    await tab.close();
  });
});

describe('a table on a phone', () => {
  // Six columns, some cells long: wider than a phone.
  const explainerPath = storyWith({ tables: 1, tableColumns: 6 });

  it('scrolls sideways in its own box while the page itself does not; short row names stay in view', async () => {
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.phone, touch: true });
    expect(await tab.evaluate(() => !!document.querySelector('.table-scroll'))).toBe(true);
    const sizes = await tab.evaluate(() => {
      const box = document.querySelector('.table-scroll')!;
      box.scrollIntoView({ block: 'start', behavior: 'instant' });
      return { scroll: box.scrollWidth, client: box.clientWidth, page: document.documentElement.scrollWidth };
    });
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    expect(sizes.page).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    // Scrolled to the last column, the row names and the heading of their column stay in view.
    const edges = await tab.evaluate(() => {
      const box = document.querySelector('.table-scroll')!;
      box.scrollTo({ left: box.scrollWidth, behavior: 'instant' });
      const frame = box.getBoundingClientRect().left;
      const first = [...box.querySelectorAll('tr')].map((row) => row.cells[0]!);
      return first.map(
        (cell) =>
          `${cell.textContent!.slice(0, 20)}: ${Math.round(cell.getBoundingClientRect().left - frame)}`,
      );
    });
    expect(edges.length).toBeGreaterThan(1);
    // Row names stay in view only when they are short (class sticky-rows, from the table plugin);
    // long ones scroll away with the figures rather than cover them.
    const sticky = await tab.evaluate(() => !!document.querySelector('.table-scroll table.sticky-rows'));
    for (const edge of edges) expect(edge).toMatch(sticky ? /: [01]$/ : /: -\d+$/);
    await tab.screenshot('table-scrolled');
    await tab.close();
  });
});

describe('the locator map', () => {
  const explainerPath = storyWith({ map: true });

  it.each(['light', 'dark'] as const)(
    'is drawn in %s colours at the width of the text',
    async (colorScheme) => {
      const tab = await session.open(explainerPath, { viewport: VIEWPORTS.phone, colorScheme });
      expect(await tab.evaluate(() => !!document.querySelector('.locator-map img'))).toBe(true);
      await tab.evaluate(() =>
        document.querySelector('.locator-map')!.scrollIntoView({ block: 'start', behavior: 'instant' }),
      );
      await tab.waitFor(() => {
        const img = document.querySelector<HTMLImageElement>('.locator-map img')!;
        return img.complete && img.naturalWidth > 0;
      });
      await sleep(100);
      const box = (await tab.box('.locator-map img'))!;
      expect(box.width).toBeGreaterThan(300);
      expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
      // What the reader sees: the mean brightness of the map's pixels on screen.
      const shot = sharp(await tab.screenshot(`map-${colorScheme}`));
      const scale = (await shot.metadata()).width / VIEWPORTS.phone.width;
      const area = {
        left: Math.round(box.x * scale),
        top: Math.round(box.y * scale),
        width: Math.round(box.width * scale),
        height: Math.round(Math.min(box.height, VIEWPORTS.phone.height - box.y) * scale),
      };
      // (stats() reads its input: the cut-out goes through a buffer of its own.)
      const { channels } = await sharp(await shot.extract(area).toBuffer()).stats();
      const [r, g, b] = channels.map((c) => c.mean);
      const brightness = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      if (colorScheme === 'dark') expect(brightness).toBeLessThan(90);
      else expect(brightness).toBeGreaterThan(170);
      expect(await tab.problems()).toEqual([]);
      await tab.close();
    },
  );
});
