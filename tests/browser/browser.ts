/** What the browser test files share besides the driver (engines.ts): sizes, pages, readings. */
import { builtSite, sitePages } from '../build';
import { publishedExplainers } from '../content';
import type { Tab } from './engines';

/**
 * Every explainer the test build publishes (the real ones, the test-only one and the generated
 * ones), as [id, path]. Tests over all of them assert only what holds for any valid story; a test
 * of a behaviour some stories lack (terms, cards, a table, a map, a renamed section) runs on a
 * generated story made with it: `storyWith({ ... })` (tests/stories.ts).
 */
export const EXPLAINERS = publishedExplainers().map(
  (explainer) => [explainer.id, `/${explainer.id}/`] as const,
);

export { storiesWith, storyWith } from '../stories';

/** Every page of the built site, as a path ("/", "/some-story/"). */
export const pagePaths = sitePages(builtSite)
  .map((file) => `/${file.replace(/index\.html$/, '')}`)
  .sort();

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  tablet: { width: 820, height: 1180 },
  desktop: { width: 1280, height: 800 },
} as const;

/** The sections whose timeline events are marked aria-current. */
export function currentSections(tab: Tab): Promise<string[]> {
  return tab.evaluate(() => [
    ...new Set(
      [...document.querySelectorAll<HTMLElement>('timeline-spy a[aria-current="true"]')].map(
        (link) => link.dataset.section ?? '',
      ),
    ),
  ]);
}

/**
 * How far down the viewport the timeline's reading line is: a third of the way, sliding down to
 * the bottom over the last screen of scrolling, so that every section passes it before the page
 * ends (src/components/timeline-spy.ts).
 */
export function readingLine(tab: Tab): Promise<number> {
  return tab.evaluate(() => {
    const end = document.documentElement.scrollHeight - document.documentElement.clientHeight;
    const screen = Math.min(innerHeight, end);
    const slid = screen > 0 ? Math.max(0, 1 - (end - scrollY) / screen) : 0;
    return innerHeight / 3 + (slid * innerHeight * 2) / 3;
  });
}

/**
 * The section being read, by the rule the timeline follows: the last whose top has passed the
 * reading line, and none once the last has ended above it. Where sections are shorter than the
 * line is deep, that is not always the one whose heading is at the top, so tests over every story
 * ask this rather than assume it.
 */
export async function readingSection(tab: Tab): Promise<string | null> {
  return tab.evaluate(
    (line) => {
      const sections = [...document.querySelectorAll('section[data-story-section]')];
      const passed = sections.filter((section) => section.getBoundingClientRect().top <= line).at(-1);
      if (!passed) return null;
      if (passed === sections.at(-1) && passed.getBoundingClientRect().bottom < line) return null;
      return passed.id;
    },
    await readingLine(tab),
  );
}

/** Section slugs in page order. */
export function sectionSlugs(tab: Tab): Promise<string[]> {
  return tab.evaluate(() => [...document.querySelectorAll('section[data-story-section]')].map((s) => s.id));
}

/** What the page's engine supports of the features the site enhances with. */
export function features(tab: Tab) {
  return tab.evaluate(() => ({
    anchorPositioning: CSS.supports('top: anchor(bottom)'),
    detailsContent: CSS.supports('selector(::details-content)'),
    scrollend: 'onscrollend' in window,
  }));
}
