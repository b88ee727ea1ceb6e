/** The phone disclosure, copy link, keyboard use and reading with JavaScript off. */
import { describe, expect, it } from 'vitest';
import { plain, readSections } from '../content';
import { EXPLAINER, settle, useBrowser, VIEWPORTS } from './browser';

const session = useBrowser();
const explainerPath = `/${EXPLAINER}/`;

describe('the timeline disclosure on a phone', () => {
  const phone = { viewport: VIEWPORTS.phone, hasTouch: true, isMobile: true };

  it('opens and closes by touch, and takes no room over the text when closed', async () => {
    const { page } = await session.open(explainerPath, phone);
    const list = page.locator('timeline-spy ol').first();
    expect(await list.isVisible()).toBe(false);
    const summary = page.locator('timeline-spy summary');
    const closed = (await summary.boundingBox())!;
    const h1 = (await page.locator('h1').boundingBox())!;
    // Closed, it is a one-line bar in the flow above the article, not an overlay.
    expect(closed.height).toBeLessThan(60);
    expect(closed.y + closed.height).toBeLessThanOrEqual(h1.y);
    await page.evaluate(() => window.scrollTo(0, 2000));
    await settle(page);
    const covering = await page.evaluate(() => {
      const p = document.querySelector('main p')!;
      const box = p.getBoundingClientRect();
      return [...document.querySelectorAll('timeline-spy, aside')].some((el) => {
        const b = el.getBoundingClientRect();
        return (
          b.bottom > 0 &&
          b.top < innerHeight &&
          getComputedStyle(el).position !== 'static' &&
          b.top <= box.top
        );
      });
    });
    expect(covering).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await summary.tap();
    expect(await list.isVisible()).toBe(true);
    await summary.tap();
    expect(await list.isVisible()).toBe(false);
    await page.context().close();
  });

  it('opens and closes from the keyboard', async () => {
    const { page } = await session.open(explainerPath, { viewport: VIEWPORTS.phone });
    const list = page.locator('timeline-spy ol').first();
    await page.locator('timeline-spy summary').focus();
    await page.keyboard.press('Enter');
    expect(await list.isVisible()).toBe(true);
    await page.keyboard.press('Space');
    expect(await list.isVisible()).toBe(false);
    await page.context().close();
  });

  it('is always open beside the text on a wide screen', async () => {
    const { page } = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    expect(await page.locator('timeline-spy summary').isVisible()).toBe(false);
    expect(await page.locator('timeline-spy ol').first().isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('copy link', () => {
  it('puts the absolute section URL on the clipboard and announces it', async () => {
    const { page } = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.base });
    const control = page.locator('#why-russia-cares copy-link');
    const button = control.locator('[data-copy]');
    expect(await button.isVisible()).toBe(true);
    await button.click();
    const status = control.locator('[role="status"]');
    await expect.poll(() => status.textContent()).toBe('Link copied');
    expect(await status.isVisible()).toBe(true);
    // The section's own page, which unfurls as the section when shared.
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${session.base}${explainerPath}why-russia-cares/`,
    );
    expect(await control.locator('[data-fallback]').isVisible()).toBe(false);
    await page.context().close();
  });
});

describe('share', () => {
  it('opens the system share sheet with the section title, summary and page where there is one', async () => {
    const { page } = await session.open(explainerPath, { viewport: VIEWPORTS.phone });
    expect(await page.locator('[data-share]').first().isVisible()).toBe(false);
    // Desktop Linux Chromium has no share sheet: stand one in, recording what it is given.
    await page.addInitScript(() => {
      const shared: ShareData[] = [];
      Object.assign(window, { shared });
      navigator.share = async (data?: ShareData) => void shared.push(data ?? {});
    });
    await page.reload();
    const button = page.locator('#why-russia-cares [data-share]');
    expect(await button.isVisible()).toBe(true);
    await button.click();
    const shared = await page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared);
    const heading = await page.locator('#why-russia-cares-title').textContent();
    expect(shared).toEqual([
      {
        title: heading?.trim(),
        text: expect.stringMatching(/\w{3,}/),
        url: `${session.base}${explainerPath}why-russia-cares/`,
      },
    ]);
    await page.context().close();
  });
});

describe('keyboard only', () => {
  it('the skip link is the first stop and moves focus to the story', async () => {
    const { page } = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return { text: el.textContent, href: el.getAttribute('href'), visible: box.width > 1 && box.top >= 0 };
    });
    expect(skip).toEqual({ text: 'Skip to the story', href: '#main', visible: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    // The next stop is inside the story, not back in the header or the timeline.
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    await page.context().close();
  });

  it('reaches every interactive element in reading order, each with a visible focus ring', async () => {
    const { page } = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    const interactive = await page.$$eval(
      'a[href], button:not([hidden]), summary, [tabindex]:not([tabindex="-1"])',
      (els) =>
        els.filter((el) => (el as HTMLElement).offsetParent !== null || el.tagName === 'SUMMARY').length,
    );
    const visited: string[] = [];
    for (let i = 0; i < interactive + 5; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          key: `${el.tagName} ${el.getAttribute('href') ?? el.textContent?.trim().slice(0, 30)} ${Math.round(box.left)},${Math.round(box.top + scrollY)}`,
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          onScreen: box.bottom > 0 && box.top < innerHeight && box.width > 0,
        };
      });
      if (!focus) break;
      expect(focus.ring, `focus ring on ${focus.key}`).toBe(true);
      expect(focus.onScreen, `${focus.key} scrolled into view`).toBe(true);
      if (visited.includes(focus.key)) break;
      visited.push(focus.key);
    }
    // Every visible interactive element (summary is hidden on wide screens) was reached once.
    expect(visited.length).toBeGreaterThanOrEqual(interactive - 1);
    await page.context().close();
  });
});

describe('with JavaScript off', () => {
  const sections = readSections(EXPLAINER);

  it.each([
    ['phone', VIEWPORTS.phone],
    ['desktop', VIEWPORTS.desktop],
  ] as const)(
    'on a %s every section, the timeline and the links are there and work',
    async (name, viewport) => {
      const { page, problems } = await session.open(explainerPath, { viewport, javaScriptEnabled: false });
      for (const { slug, paragraphs } of sections) {
        const section = page.locator(`section#${slug}`);
        expect(await section.isVisible()).toBe(true);
        // The visible text, footnote marks left out as in the source comparison.
        const text = await section.evaluate((el) => {
          const copy = el.cloneNode(true) as HTMLElement;
          // Footnote marks, and the glossary definitions that open from terms.
          copy.querySelectorAll('sup, [popover]').forEach((el) => el.remove());
          return copy.textContent ?? '';
        });
        for (const paragraph of paragraphs) expect(plain(text)).toContain(plain(paragraph));
      }
      expect(await page.locator('copy-link button').first().isVisible()).toBe(false);
      const share = page.locator('#why-russia-cares copy-link [data-fallback]');
      expect(await share.getAttribute('href')).toBe(`${explainerPath}why-russia-cares/`);
      if (name === 'phone') await page.locator('timeline-spy summary').click();
      const events = page.locator('timeline-spy a');
      expect(await events.count()).toBeGreaterThanOrEqual(12);
      expect(await events.last().isVisible()).toBe(true);
      const target = await events.nth(3).getAttribute('href');
      await events.nth(3).click();
      expect(new URL(page.url()).hash).toBe(target);
      const heading = (await page.locator(`${target} h2`).boundingBox())!;
      expect(heading.y).toBeGreaterThanOrEqual(0);
      expect(heading.y + heading.height).toBeLessThanOrEqual(viewport.height);
      expect(problems).toEqual([]);
      await page.context().close();
    },
  );
});
