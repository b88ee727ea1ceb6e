/**
 * Search, as a reader uses it: from a section page, keyboard only, the header's search box, the
 * search page's results, and on to another story's section; the search page without
 * JavaScript; and axe-core on the results in light and dark. Subjects come from the generated
 * stories (tests/search-subjects.ts).
 */
import { describe, expect, it } from 'vitest';
import { publishedExplainers } from '../content';
import { aliasSubject } from '../search-subjects';
import { EXPLAINERS, storiesWith, VIEWPORTS } from './browser';
import { useEngine, type Tab } from './engines';

const session = useEngine();
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** A person's other spelling, and the section that names them, in one generated story... */
const subject = aliasSubject();
/** ...and a section page of another generated story to start from. */
const start = storiesWith({ sections: 1 }).find((story) => story !== `/${subject.explainer}/`)!;

interface Focused {
  id: string;
  /** The link's path, if it is a link. */
  path: string | null;
  inResults: boolean;
}

const focused = (tab: Tab) =>
  tab.evaluate((): Focused | null => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const href = el.getAttribute('href');
    return {
      id: el.id,
      path: href === null ? null : new URL(href, location.href).pathname,
      inResults: el.closest('[data-search-list]') !== null,
    };
  });

/** Presses Tab until `wanted` holds for the focused element; throws after `limit` presses. */
async function tabTo(tab: Tab, wanted: (focus: Focused) => boolean, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await tab.press('Tab');
    const focus = await focused(tab);
    if (focus && wanted(focus)) return;
  }
  throw new Error(`no focus stop was the one wanted in ${limit} presses of Tab`);
}

/** Waits until the search page has drawn what it found. */
const searched = (tab: Tab) =>
  tab.waitFor(
    () =>
      location.pathname.endsWith('/search/') &&
      document.querySelector('search-page')?.getAttribute('data-state') === 'done',
    undefined,
    15_000,
  );

/** The first section page of a story, from its explainer page's links. */
const firstSection = async (tab: Tab) =>
  tab.evaluate(() => {
    const link = document.querySelector<HTMLAnchorElement>('copy-link a[data-fallback]')!;
    return new URL(link.href).pathname;
  });

describe('search from the header, keyboard only', () => {
  it.each(['phone', 'desktop'] as const)(
    'at %s width: type in the header box, submit, and land on another story’s section',
    async (size) => {
      const tab = await session.open(start, { viewport: VIEWPORTS[size] });
      const from = await firstSection(tab);
      await tab.goto(from);
      await tabTo(tab, (focus) => focus.id === 'site-search');
      await tab.type(subject.query);
      await tab.press('Enter');
      await searched(tab);
      expect(await tab.evaluate(() => new URL(location.href).searchParams.get('q'))).toBe(subject.query);
      expect(await tab.evaluate(() => document.querySelector<HTMLInputElement>('#search-query')!.value)).toBe(
        subject.query,
      );
      // Arriving with results, focus is on their heading: the keyboard goes on from there.
      expect((await focused(tab))?.id).toBe('results-title');
      await tab.screenshot(`search-results-${size}`);
      await tabTo(tab, (focus) => focus.inResults && focus.path === subject.section, 12);
      await tab.press('Enter');
      await tab.waitFor(
        (path) => location.pathname === path && document.readyState === 'complete',
        subject.section,
      );
      expect(await tab.evaluate(() => document.querySelector('main h2')?.id)).toMatch(/-title$/);
      expect(await tab.problems()).toEqual([]);
      await tab.close();
    },
    60_000,
  );

  it('searches again as the reader types on the search page, and keeps the query in the address', async () => {
    const tab = await session.open('/search/', { viewport: VIEWPORTS.phone });
    await tabTo(tab, (focus) => focus.id === 'search-query');
    await tab.type(subject.aliases.at(-1)!);
    await searched(tab);
    expect(await tab.evaluate(() => new URL(location.href).searchParams.get('q'))).toBe(
      subject.aliases.at(-1),
    );
    const links = await tab.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('[data-search-list] a')].map(
        (a) => new URL(a.href).pathname + new URL(a.href).hash,
      ),
    );
    expect(links).toContain(subject.section);
    expect(links).toContain(subject.person);
    expect(await tab.problems()).toEqual([]);
    await tab.close();
  }, 60_000);
});

describe('the search page without JavaScript', () => {
  it.each(['phone', 'desktop'] as const)(
    'at %s width: the header box leads to a list of every explainer',
    async (size) => {
      const tab = await session.open(start, { viewport: VIEWPORTS[size], javaScript: false });
      await tabTo(tab, (focus) => focus.id === 'site-search');
      await tab.type(subject.query);
      await tab.press('Enter');
      // A script sent the moment the form's navigation begins can be lost with the old page:
      // WebKitWebDriver then held the command for 30 s (once in a full run). Let it start first.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await tab.waitFor(() => location.pathname.endsWith('/search/') && document.readyState === 'complete');
      const groups = await tab.evaluate(() =>
        [...document.querySelectorAll('[data-all-explainers] [data-topic-group]')].map((group) => ({
          topic: group.querySelector('h3')!.textContent!.trim(),
          stories: [...group.querySelectorAll<HTMLAnchorElement>('[data-explainer] > a')].map(
            (a) => new URL(a.href).pathname,
          ),
        })),
      );
      // Every explainer, under each of its topics (or "In no topic"), and nothing else.
      const expected = new Map<string, string[]>();
      for (const explainer of publishedExplainers()) {
        for (const topic of explainer.topics.length ? explainer.topics : ['In no topic'])
          expected.set(topic, [...(expected.get(topic) ?? []), `/${explainer.id}/`]);
      }
      expect(new Map(groups.map((g) => [g.topic, g.stories.toSorted()]))).toEqual(
        new Map([...expected].map(([topic, paths]) => [topic, paths.toSorted()])),
      );
      expect(new Set(groups.flatMap((g) => g.stories))).toEqual(new Set(EXPLAINERS.map(([, path]) => path)));
      expect(await tab.visible('[data-all-explainers]')).toBe(true);
      // Nothing claims to be searching, and no empty results are shown.
      expect(await tab.visible('[data-search-results]')).toBe(false);
      expect(await tab.evaluate(() => document.querySelector('[data-search-status]')!.textContent)).toBe('');
      await tab.screenshot(`search-no-js-${size}`);
      await tab.close();
    },
  );
});

describe('the search page’s results, checked with axe-core', () => {
  it.each(['light', 'dark'] as const)(
    '%s: no violations at phone and desktop widths',
    async (colorScheme) => {
      const violations: string[] = [];
      for (const size of ['phone', 'desktop'] as const) {
        const tab = await session.open(`/search/?q=${encodeURIComponent(subject.query)}`, {
          viewport: VIEWPORTS[size],
          colorScheme,
        });
        await searched(tab);
        const found = await tab.evaluate(async (tags) => {
          await new Promise((resolve, reject) => {
            const script = Object.assign(document.createElement('script'), { src: '/__axe.js' });
            script.addEventListener('load', resolve);
            script.addEventListener('error', reject);
            document.head.append(script);
          });
          const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
          return result.violations.map(
            (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
          );
        }, WCAG);
        violations.push(...found.map((v) => `${size}: ${v}`));
        await tab.screenshot(`search-axe-${size}-${colorScheme}`);
        await tab.close();
      }
      expect(violations).toEqual([]);
    },
    60_000,
  );
});
