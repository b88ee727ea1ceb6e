/** Topic and hub pages, and the related block, from the keyboard alone (issue 22). */
import { describe, expect, it } from 'vitest';
import { VIEWPORTS } from './browser';
import { useEngine } from './engines';

const session = useEngine();

describe('keyboard only', () => {
  // Pages the generated stories make (tests/stories.ts): a topic, a person, a term, and a
  // story whose page ends with related explainers.
  it.each([
    '/topics/',
    '/topics/border-talks/',
    '/people/shared-envoy/',
    '/terms/shared-ceasefire/',
    '/generated-short/',
  ])('%s: Tab reaches every link in order, each with a visible focus ring', async (path) => {
    const tab = await session.open(path, { viewport: VIEWPORTS.phone });
    const links = await tab.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[href]')]
        .filter((a) => a.checkVisibility() || a.matches('.sr-only'))
        .map((a) => a.getAttribute('href')!),
    );
    expect(links.some((href) => href.startsWith('/topics/') || href.startsWith('/generated-'))).toBe(true);
    const reached: string[] = [];
    for (let i = 0; i < links.length; i++) {
      await tab.press('Tab');
      const focus = await tab.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          href: el.getAttribute('href'),
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
      });
      expect(focus.ring, `focus ring on ${focus.href}`).toBe(true);
      reached.push(focus.href ?? '');
    }
    // The story page has buttons (share, terms) between its links: its related links come last.
    if (path.startsWith('/generated-')) {
      const related = await tab.evaluate(() =>
        [...document.querySelectorAll('[data-related] a')].map((a) => a.getAttribute('href')),
      );
      expect(related.length).toBeGreaterThan(0);
      for (let i = 0; i < 200 && !related.every((href) => reached.includes(href!)); i++) {
        await tab.press('Tab');
        reached.push((await tab.evaluate(() => document.activeElement?.getAttribute('href'))) ?? '');
      }
      for (const href of related) expect(reached).toContain(href);
    } else expect(reached).toEqual(links);
    await tab.close();
  });
});
