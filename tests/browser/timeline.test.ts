import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { currentSections, EXPLAINER, sectionSlugs, settle, useBrowser, VIEWPORTS } from './browser';

const session = useBrowser();
const path = `/${EXPLAINER}/`;

/** Is the heading of `slug` wholly inside the viewport, and the topmost thing at its centre? */
function headingInView(page: Page, slug: string) {
  return page.evaluate((id) => {
    const heading = document.getElementById(`${id}-title`)!;
    const box = heading.getBoundingClientRect();
    const atCentre = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      top: box.top,
      bottom: box.bottom,
      height: innerHeight,
      uncovered: atCentre !== null && heading.contains(atCentre),
    };
  }, slug);
}

/**
 * Scrolls so the section's top sits `offset` pixels below the top of the viewport. Returns
 * false when that lands at the very bottom of the page, where the last section is current.
 */
async function scrollSectionTo(page: Page, slug: string, offset: number): Promise<boolean> {
  const wanted = await page.evaluate(
    ({ id, offset }) => {
      const top = document.getElementById(id)!.getBoundingClientRect().top + scrollY - offset;
      window.scrollTo(0, top);
      return Math.round(top);
    },
    { id: slug, offset },
  );
  await settle(page);
  await page.waitForTimeout(50);
  const { y, bottom } = await page.evaluate(() => ({
    y: scrollY,
    bottom: innerHeight + scrollY >= document.documentElement.scrollHeight - 2,
  }));
  return Math.abs(y - wanted) <= 1 && !bottom;
}

describe('clicking a timeline event', () => {
  it.each([
    ['desktop', VIEWPORTS.desktop],
    ['phone', VIEWPORTS.phone],
  ] as const)('on %s scrolls to its section with the heading fully visible', async (name, viewport) => {
    // Smooth scrolling on, as most readers have it.
    const phone = name === 'phone';
    const { page } = await session.open(path, {
      viewport,
      reducedMotion: 'no-preference',
      hasTouch: phone,
      isMobile: phone,
    });
    if (phone) await page.tap('timeline-spy summary');
    const link = page.locator('timeline-spy a[data-section="taliban-offensive"]').first();
    await link.click();
    await settle(page);
    const view = await headingInView(page, 'taliban-offensive');
    expect(view.top).toBeGreaterThanOrEqual(0);
    expect(view.bottom).toBeLessThanOrEqual(view.height);
    expect(view.uncovered).toBe(true);
    expect(await currentSections(page)).toEqual(['taliban-offensive']);
    await page.context().close();
  });
});

describe('the highlight follows the reader', () => {
  /** What should be highlighted while reading a section: its events, if it has any. */
  const expectedFor = async (page: Page, slug: string) =>
    (await page.locator(`timeline-spy a[data-section="${slug}"]`).count()) > 0 ? [slug] : [];

  it.each(Object.entries(VIEWPORTS))(
    'at %s size, section by section and between headings',
    async (_, viewport) => {
      const { page } = await session.open(path, { viewport });
      const slugs = await sectionSlugs(page);
      expect(await currentSections(page)).toEqual([]);
      // A section with no events (who-wants-what) highlights nothing; the test sees both kinds.
      expect((await Promise.all(slugs.map((slug) => expectedFor(page, slug)))).flat().length).toBeLessThan(
        slugs.length,
      );
      for (const slug of slugs) {
        const expected = await expectedFor(page, slug);
        expect(await scrollSectionTo(page, slug, 10), `${slug} can reach the top`).toBe(true);
        expect(await currentSections(page), `heading of ${slug} at the top`).toEqual(expected);
        // Reading the middle of the section (its heading scrolled away when the section is
        // long): still the same section.
        const middle = await page.evaluate(
          (id) => innerHeight / 3 - document.getElementById(id)!.getBoundingClientRect().height / 2,
          slug,
        );
        expect(await scrollSectionTo(page, slug, middle)).toBe(true);
        expect(await currentSections(page), `inside ${slug}`).toEqual(expected);
      }
      await page.context().close();
    },
  );

  it('highlights nothing past the story, in the who’s who, glossary and sources', async () => {
    const { page } = await session.open(path, { viewport: VIEWPORTS.desktop });
    const slugs = await sectionSlugs(page);
    await scrollSectionTo(page, slugs.at(-1)!, 10);
    expect(await currentSections(page)).toEqual([slugs.at(-1)]);
    for (const target of ['whos-who', 'glossary']) {
      await scrollSectionTo(page, target, 10);
      expect(await currentSections(page), target).toEqual([]);
      expect(await page.evaluate(() => location.hash)).toBe('');
    }
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await settle(page);
    await page.waitForTimeout(50);
    expect(await currentSections(page)).toEqual([]);
    await page.context().close();
  });

  // On a tall screen the page stops before the last sections reach the top, yet the section
  // the reader asked for is the one highlighted.
  it.each(['stalled-talks', 'china-and-pakistan', 'what-happened-next'])(
    'is right on load with #%s and after a reload',
    async (slug) => {
      const { page } = await session.open(`${path}#${slug}`, { viewport: { width: 1280, height: 2400 } });
      await settle(page);
      await page.waitForTimeout(50);
      expect(await currentSections(page)).toEqual([slug]);
      await page.reload();
      await settle(page);
      await page.waitForTimeout(50);
      expect(await currentSections(page)).toEqual([slug]);
      await page.context().close();
    },
  );
});

describe('arriving at a footnote', () => {
  it('highlights the section it is in and keeps the footnote in the address bar', async () => {
    const { page } = await session.open(`${path}#taliban-offensive-fn-2`, { viewport: VIEWPORTS.desktop });
    await settle(page);
    await page.waitForTimeout(50);
    expect(await currentSections(page)).toEqual(['taliban-offensive']);
    expect(new URL(page.url()).hash).toBe('#taliban-offensive-fn-2');
    const top = await page.evaluate(
      () => document.getElementById('taliban-offensive-fn-2')!.getBoundingClientRect().top,
    );
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(VIEWPORTS.desktop.height);
    await page.context().close();
  });
});

describe('arriving by a renamed section’s old link', () => {
  it('#russia (the old slug of why-russia-cares) lands on the section and highlights it', async () => {
    const { page } = await session.open(`${path}#russia`, { viewport: VIEWPORTS.desktop });
    await settle(page);
    await page.waitForTimeout(50);
    expect(await currentSections(page)).toEqual(['why-russia-cares']);
    const view = await headingInView(page, 'why-russia-cares');
    expect(view.top).toBeGreaterThanOrEqual(0);
    expect(view.bottom).toBeLessThanOrEqual(view.height);
    await page.context().close();
  });

  it('the old section page sends the reader to the new one', async () => {
    const { page } = await session.open(`${path}russia/`, { viewport: VIEWPORTS.desktop });
    await page.waitForURL(`**${path}why-russia-cares/`);
    expect(await page.locator('h2#why-russia-cares-title').isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('the address bar', () => {
  it('follows the section with replaceState, so Back leaves the page', async () => {
    const { page } = await session.open('/', { viewport: VIEWPORTS.desktop });
    await page.click(`a[href="/${EXPLAINER}/"]`);
    await page.waitForURL(`**${path}`);
    const lengthOnArrival = await page.evaluate(() => history.length);
    const slugs = await sectionSlugs(page);
    for (const slug of slugs) {
      await scrollSectionTo(page, slug, 10);
      if (slug !== slugs.at(-1)) expect(new URL(page.url()).hash).toBe(`#${slug}`);
    }
    await page.locator(`timeline-spy a[data-section="${slugs[1]}"]`).first().click();
    await settle(page);
    expect(new URL(page.url()).hash).toBe(`#${slugs[1]}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    await page.waitForTimeout(50);
    expect(new URL(page.url()).hash).toBe('');
    // Only the click on an event is a navigation the reader made; scrolling added nothing.
    expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(lengthOnArrival + 1);
    // Back undoes the click on the event, then leaves the page.
    const trail: string[] = [];
    for (let i = 0; i < 3 && new URL(page.url()).pathname === path; i++) {
      await page.goBack();
      await page.waitForTimeout(100);
      trail.push(page.url());
    }
    expect(new URL(page.url()).pathname, trail.join(' -> ')).toBe('/');
    expect(trail.length).toBeLessThanOrEqual(2);
    await page.context().close();
  });
});
