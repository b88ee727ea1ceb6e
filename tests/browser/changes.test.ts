/**
 * "Changed since you last read": a returning reader's device remembers which version of each
 * section they saw, and the page marks the sections changed since, with a line listing them;
 * nothing of it leaves the device. Runs on a generated story made with a change log.
 */
import { expect, it } from 'vitest';
import { publishedExplainers } from '../content';
import { storyWith } from '../stories';
import { VIEWPORTS } from './browser';
import { useEngine } from './engines';

const session = useEngine();
const story = publishedExplainers().find((e) => `/${e.id}/` === storyWith({ changes: true }))!;
const corrected = story.changes.find((c) => c.sections.length > 0)!.sections[0]!;
const key = `explainers:seen:${story.id}`;

/** What the page shows a returning reader: the marked sections and the links in the line. */
const shown = () => ({
  marked: [...document.querySelectorAll<HTMLElement>('[data-changed-since-read]')].map((s) => s.id),
  line: document.querySelector<HTMLElement>('changed-since-read')?.hidden === false,
  links: [...document.querySelectorAll<HTMLAnchorElement>('[data-changed-list] a')].map((a) =>
    a.getAttribute('href'),
  ),
});

it.each([
  ['the explainer page', `/${story.id}/`],
  ['the section page', `/${story.id}/${corrected}/`],
])(
  'on %s: nothing on a first visit; a section corrected since the last visit is marked and listed',
  async (_, page) => {
    const tab = await session.open(page, { viewport: VIEWPORTS.phone });
    // The script is a deferred module: wait until it has run (it remembers what it showed).
    const remembered = () => tab.evaluate((key) => localStorage.getItem(key) !== null, key);
    try {
      await expect.poll(remembered, { timeout: 5_000 }).toBe(true);
      expect(await tab.evaluate(shown)).toEqual({ marked: [], line: false, links: [] });
      // The reader saw the section before its correction: their device remembers an older version
      // (older than any story's: a generated story may have been corrected in the 1990s).
      await tab.evaluate(
        ([key, slug]) => {
          const seen = JSON.parse(localStorage.getItem(key)!) as Record<string, string>;
          localStorage.setItem(key, JSON.stringify({ ...seen, [slug]: '0001-01-01' }));
        },
        [key, corrected] as const,
      );
      await tab.reload();
      await expect
        .poll(() => tab.evaluate(shown), { timeout: 5_000 })
        .toEqual({ marked: [corrected], line: true, links: [`#${corrected}`] });
      // Seen now: the next visit marks nothing.
      await tab.reload();
      await expect.poll(remembered, { timeout: 5_000 }).toBe(true);
      expect(await tab.evaluate(shown)).toEqual({ marked: [], line: false, links: [] });
      expect(await tab.problems()).toEqual([]);
    } finally {
      await tab.close();
    }
  },
);

it('keeps the memory on the device: no cookie, and no request carries it', async () => {
  const before = session.served().length;
  const tab = await session.open(`/${story.id}/`, { viewport: VIEWPORTS.desktop });
  try {
    await tab.reload();
    expect(await tab.evaluate(() => document.cookie)).toBe('');
    expect(await tab.evaluate((key) => localStorage.getItem(key) !== null, key)).toBe(true);
    // Every request was for a file of the site, by path alone.
    for (const served of session.served().slice(before)) expect(served).not.toMatch(/[?;]|seen/);
  } finally {
    await tab.close();
  }
});
