/** Glossary terms, who's who links, the positions table and the map, in a real browser. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EXPLAINER, settle, useBrowser, VIEWPORTS } from './browser';

const session = useBrowser();
const explainerPath = `/${EXPLAINER}/`;

const setups = [
  ['a phone, by touch', { viewport: VIEWPORTS.phone, hasTouch: true, isMobile: true }],
  ['a wide screen, by mouse', { viewport: VIEWPORTS.desktop }],
  ['a phone with JavaScript off', { viewport: VIEWPORTS.phone, hasTouch: true, javaScriptEnabled: false }],
] as const;

/** Where the definition opened, relative to its term and the viewport. */
async function openTerm(page: Page, index: number, touch: boolean) {
  const term = page.locator('button.term').nth(index);
  await term.scrollIntoViewIfNeeded();
  if (touch) await term.tap();
  else await term.click();
  const id = (await term.getAttribute('popovertarget'))!;
  const popover = page.locator(`[id="${id}"]`);
  await expect.poll(() => popover.isVisible()).toBe(true);
  return { term: (await term.boundingBox())!, popover: (await popover.boundingBox())!, locator: popover };
}

describe('a glossary term', () => {
  it.each(setups)('opens its definition beside the term on %s, and closes again', async (_, options) => {
    const { page, problems } = await session.open(explainerPath, options);
    const touch = 'hasTouch' in options;
    const terms = await page.locator('button.term').count();
    expect(terms).toBeGreaterThanOrEqual(7);
    // The first and the last term on the page, so both ends of the article are covered.
    for (const index of [0, terms - 1]) {
      const { term, popover, locator } = await openTerm(page, index, touch);
      const { width, height } = options.viewport;
      expect(popover.x).toBeGreaterThanOrEqual(0);
      expect(popover.x + popover.width).toBeLessThanOrEqual(width);
      expect(popover.y).toBeGreaterThanOrEqual(0);
      expect(popover.y + popover.height).toBeLessThanOrEqual(height);
      // In place: within a few lines of the term, not somewhere else on the page.
      const gap = Math.min(
        Math.abs(popover.y - (term.y + term.height)),
        Math.abs(term.y - (popover.y + popover.height)),
      );
      expect(gap).toBeLessThan(48);
      expect(await locator.textContent()).toMatch(/^.+: .{20,}/);
      await page.keyboard.press('Escape');
      await expect.poll(() => locator.isVisible()).toBe(false);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('closes when the reader taps elsewhere, and its "All terms" link reaches the glossary entry', async () => {
    const { page } = await session.open(explainerPath, setups[0][1]);
    const { locator } = await openTerm(page, 0, true);
    await page.locator('h1').tap();
    await expect.poll(() => locator.isVisible()).toBe(false);
    await openTerm(page, 0, true);
    await locator.getByRole('link', { name: 'All terms' }).tap();
    await settle(page);
    // The address bar keeps the entry the reader went to (timeline-spy must not rewrite it).
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#term-/);
    const entry = page.locator(hash);
    expect(await entry.isVisible()).toBe(true);
    const box = (await entry.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(VIEWPORTS.phone.height / 2);
    await page.context().close();
  });
});

describe('a who’s who link', () => {
  it.each(setups)('takes the reader to the card on %s', async (_, options) => {
    const { page } = await session.open(explainerPath, options);
    const link = page.locator('a.person-link', { hasText: 'Zamir Kabulov' });
    await link.scrollIntoViewIfNeeded();
    if ('hasTouch' in options) await link.tap();
    else await link.click();
    const card = page.locator('#who-kabulov');
    // Polled from outside the page: with JavaScript off nothing can run inside it.
    await expect
      .poll(async () => Math.round((await card.boundingBox())!.y), { timeout: 5_000 })
      .toBeGreaterThanOrEqual(0);
    await expect
      .poll(async () => (await card.boundingBox())!.y, { timeout: 5_000 })
      .toBeLessThan(options.viewport.height / 2);
    const box = (await card.boundingBox())!;
    expect(box.y + Math.min(box.height, 200)).toBeLessThanOrEqual(options.viewport.height);
    expect(await card.evaluate((el) => el.matches(':target'))).toBe(true);
    expect(await card.textContent()).toContain('special envoy for Afghanistan');
    await page.context().close();
  });
});

describe('the positions table on a phone', () => {
  it('scrolls sideways in its own box while the page itself does not', async () => {
    const { page } = await session.open(explainerPath, setups[0][1]);
    const box = page.locator('.table-scroll');
    await box.scrollIntoViewIfNeeded();
    const sizes = await box.evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
      page: document.documentElement.scrollWidth,
    }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    expect(sizes.page).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    // Scrolled to the last column, the row names stay in view.
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth, behavior: 'instant' }));
    const rowHeader = (await page.locator('.table-scroll tbody th').first().boundingBox())!;
    const frame = (await box.boundingBox())!;
    expect(rowHeader.x).toBeGreaterThanOrEqual(frame.x - 1);
    await page.context().close();
  });
});

describe('the locator map', () => {
  it('loads as an image at the width of the text, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems } = await session.open(explainerPath, {
        viewport: VIEWPORTS.phone,
        colorScheme,
      });
      const img = page.locator('.locator-map img');
      await img.scrollIntoViewIfNeeded();
      await expect
        .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
        .toBeGreaterThan(0);
      const box = (await img.boundingBox())!;
      expect(box.width).toBeGreaterThan(300);
      expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });
});
