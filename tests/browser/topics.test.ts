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
  ])('%s: Tab reaches every link and control in order, each with a visible focus ring', async (path) => {
    const tab = await session.open(path, { viewport: VIEWPORTS.phone });
    // After load the scripts have run: the share link has become its Copy link button.
    await tab.waitFor(() => document.readyState === 'complete');
    // A focusable element is named by its href, or by its tag and id or text: the header's search
    // field and button come between the site links and the page's own. (Both evaluate calls name
    // it the same way; a function can't be passed into the page.)
    const focusables = await tab.evaluate(() =>
      [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
        .filter((el) => (el as HTMLElement).checkVisibility() || el.matches('.sr-only'))
        .map((el) => el.getAttribute('href') ?? `${el.localName}:${el.id || el.textContent!.trim()}`),
    );
    expect(focusables.some((href) => href.startsWith('/topics/') || href.startsWith('/generated-'))).toBe(
      true,
    );
    const reached: string[] = [];
    for (let i = 0; i < focusables.length; i++) {
      await tab.press('Tab');
      const focus = await tab.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          name: el.getAttribute('href') ?? `${el.localName}:${el.id || el.textContent!.trim()}`,
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
      });
      expect(focus.ring, `focus ring on ${focus.name}`).toBe(true);
      reached.push(focus.name);
    }
    expect(reached).toEqual(focusables);
    // The story page ends with its related explainers.
    if (path.startsWith('/generated-')) {
      const related = await tab.evaluate(() =>
        [...document.querySelectorAll('[data-related] a')].map((a) => a.getAttribute('href')),
      );
      expect(related.length).toBeGreaterThan(0);
      expect(reached.slice(-related.length)).toEqual(related);
    }
    await tab.close();
  });
});
