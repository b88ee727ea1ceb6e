/** The phone disclosure, copy link, share, keyboard use and reading with JavaScript off. */
import { describe, expect, it } from 'vitest';
import { plain, readSections } from '../content';
import { EXPLAINERS, features, storyWith, VIEWPORTS } from './browser';
import { useEngine } from './engines';

const session = useEngine();
/**
 * The phone disclosure, sharing and keyboard tests read a page several screens tall (it scrolls
 * 2000 px) with terms and cards among its stops; what they assert holds for any such story.
 */
const explainerPath = storyWith({ sections: 6, paragraphs: 3, terms: 1, people: 1 });

describe('the timeline disclosure on a phone', () => {
  it('opens and closes by touch, and takes no room over the text when closed', async () => {
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.phone, touch: true });
    expect(await tab.visible('timeline-spy ol')).toBe(false);
    const closed = (await tab.box('timeline-spy summary'))!;
    const h1 = (await tab.box('h1'))!;
    // Closed, it is a one-line bar in the flow above the article, not an overlay.
    expect(closed.height).toBeLessThan(60);
    expect(closed.y + closed.height).toBeLessThanOrEqual(h1.y);
    await tab.evaluate(() => window.scrollTo(0, 2000));
    await tab.settle();
    const covering = await tab.evaluate(() => {
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
    await tab.evaluate(() => window.scrollTo(0, 0));
    await tab.tap('timeline-spy summary');
    expect(await tab.visible('timeline-spy ol')).toBe(true);
    await tab.tap('timeline-spy summary');
    expect(await tab.visible('timeline-spy ol')).toBe(false);
    await tab.close();
  });

  it('opens and closes from the keyboard', async () => {
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.phone });
    await tab.evaluate(() => document.querySelector<HTMLElement>('timeline-spy summary')!.focus());
    await tab.press('Enter');
    expect(await tab.visible('timeline-spy ol')).toBe(true);
    await tab.press('Space');
    expect(await tab.visible('timeline-spy ol')).toBe(false);
    await tab.close();
  });

  it('is always open beside the text on a wide screen', async () => {
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    expect(await tab.visible('timeline-spy summary')).toBe(false);
    expect(await tab.visible('timeline-spy ol')).toBe(true);
    await tab.close();
  });
});

/** The first section's share controls: its title, summary and page (relative to the site). */
const shareData = (tab: Awaited<ReturnType<typeof session.open>>) =>
  tab.evaluate(() => {
    const control = document.querySelector<HTMLElement>('section[data-story-section] copy-link')!;
    return { title: control.dataset.title!, text: control.dataset.text!, path: control.dataset.path! };
  });

describe('copy link', () => {
  it('puts the absolute URL of the section’s page on the clipboard and announces it', async () => {
    const tab = await session.open(explainerPath, {
      viewport: VIEWPORTS.desktop,
      // Every engine's own clipboard is written; this records what the page handed it.
      init: () => {
        const write = navigator.clipboard.writeText.bind(navigator.clipboard);
        navigator.clipboard.writeText = (text: string) => {
          sessionStorage.setItem('copied', text);
          return write(text);
        };
      },
    });
    const { path } = await shareData(tab);
    const control = 'section[data-story-section] copy-link';
    expect(await tab.visible(`${control} [data-copy]`)).toBe(true);
    expect(await tab.visible(`${control} [data-fallback]`)).toBe(false);
    await tab.click(`${control} [data-copy]`);
    // The section's own page, which unfurls as the section when shared.
    expect(await tab.waitFor(() => document.querySelector('copy-link [role="status"]')!.textContent)).toBe(
      'Link copied',
    );
    expect(await tab.visible(`${control} [role="status"]`)).toBe(true);
    expect(await tab.evaluate(() => sessionStorage.getItem('copied'))).toBe(`${session.base()}${path}`);
    await tab.close();
  });
});

describe('share', () => {
  it('opens the system share sheet with the section title, summary and page where there is one', async () => {
    const plainPhone = await session.open(explainerPath, { viewport: VIEWPORTS.phone });
    // Desktop Linux browsers have no share sheet: the button stays hidden.
    expect(await plainPhone.visible('[data-share]')).toBe(false);
    await plainPhone.close();
    const tab = await session.open(explainerPath, {
      viewport: VIEWPORTS.phone,
      // A stand-in share sheet, recording what it is given.
      init: () => {
        navigator.share = async (data?: ShareData) =>
          sessionStorage.setItem(
            'shared',
            JSON.stringify([...JSON.parse(sessionStorage.getItem('shared') ?? '[]'), data]),
          );
      },
    });
    const { title, text, path } = await shareData(tab);
    expect(await tab.visible('section[data-story-section] [data-share]')).toBe(true);
    await tab.click('section[data-story-section] [data-share]');
    const shared = await tab.waitFor(() => sessionStorage.getItem('shared'));
    expect(JSON.parse(shared)).toEqual([{ title, text, url: `${session.base()}${path}` }]);
    await tab.close();
  });
});

describe('keyboard only', () => {
  it('the skip link is the first stop and moves focus to the story', async () => {
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    await tab.press('Tab');
    const skip = await tab.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return {
        text: el.textContent?.trim(),
        href: el.getAttribute('href'),
        visible: box.width > 1 && box.top >= 0,
      };
    });
    expect(skip).toEqual({ text: 'Skip to the story', href: '#main', visible: true });
    await tab.press('Enter');
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe('main');
    await tab.press('Tab');
    // The next stop is inside the story, not back in the header or the timeline.
    expect(await tab.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    await tab.close();
  });

  it('reaches every interactive element in reading order, each with a visible focus ring', async () => {
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    const interactive = await tab.evaluate(
      () =>
        [
          ...document.querySelectorAll<HTMLElement>(
            'a[href], button:not([hidden]), summary, [tabindex]:not([tabindex="-1"])',
          ),
        ].filter((el) => el.offsetParent !== null || el.tagName === 'SUMMARY').length,
    );
    const visited: string[] = [];
    for (let i = 0; i < interactive + 5; i++) {
      await tab.press('Tab');
      const focus = await tab.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          // Its place in the document: two links can share text, href and (in a box that scrolls) position.
          key: `${el.tagName} ${el.getAttribute('href') ?? el.textContent?.trim().slice(0, 30)} #${[...document.querySelectorAll('*')].indexOf(el)}`,
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
    await tab.close();
  });
});

describe.each(EXPLAINERS)('%s with JavaScript off', (id, explainerPath) => {
  const sections = readSections(id);

  it.each(['phone', 'desktop'] as const)(
    'on a %s every section, the timeline and the links are there and work',
    async (size) => {
      const viewport = VIEWPORTS[size];
      const tab = await session.open(explainerPath, { viewport, javaScript: false });
      expect(await tab.evaluate(() => document.querySelector('copy-link button')!.checkVisibility())).toBe(
        false,
      );
      for (const { slug, paragraphs } of sections) {
        expect(await tab.visible(`section#${slug}`)).toBe(true);
        // The visible text, footnote marks and the definitions that open from terms left out.
        const text = await tab.evaluate((slug) => {
          const copy = document.getElementById(slug)!.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('sup, [popover]').forEach((el) => el.remove());
          return copy.textContent ?? '';
        }, slug);
        for (const paragraph of paragraphs) expect(plain(text)).toContain(plain(paragraph));
      }
      const { path } = await shareData(tab);
      expect(await tab.visible('section[data-story-section] copy-link [data-fallback]')).toBe(true);
      expect(
        await tab.evaluate(() =>
          document
            .querySelector('section[data-story-section] copy-link [data-fallback]')!
            .getAttribute('href'),
        ),
      ).toBe(path);
      // On a phone the timeline is folded away behind its summary; on a wide screen it is
      // beside the text in every engine, ::details-content or not.
      if (size === 'phone') await tab.click('timeline-spy summary');
      else if (!(await features(tab)).detailsContent)
        expect(await tab.visible('timeline-spy summary')).toBe(false);
      const events = await tab.evaluate(() => document.querySelectorAll('timeline-spy a').length);
      expect(events).toBeGreaterThanOrEqual(1);
      expect(await tab.visible('timeline-spy a', events - 1)).toBe(true);
      const index = Math.min(2, events - 1);
      const target = await tab.evaluate(
        (index) => document.querySelectorAll('timeline-spy a')[index]!.getAttribute('href')!,
        index,
      );
      await tab.click('timeline-spy a', index);
      await tab.waitFor((target) => location.hash === target, target);
      await tab.settle();
      const heading = (await tab.box(`${target} h2`))!;
      expect(heading.y).toBeGreaterThanOrEqual(0);
      expect(heading.y + heading.height).toBeLessThanOrEqual(viewport.height);
      expect(await tab.problems()).toEqual([]);
      await tab.close();
    },
  );
});
