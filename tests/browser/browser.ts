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
 * The section being read, by the rule the timeline follows: the last whose top has passed a line
 * a third of the way down the viewport, and none once the last has ended above that line. Where
 * sections are shorter than a third of the screen, that is not always the one whose heading is at
 * the top, so tests over every story ask this rather than assume it.
 */
export function readingSection(tab: Tab): Promise<string | null> {
  return tab.evaluate(() => {
    const line = innerHeight / 3;
    const sections = [...document.querySelectorAll('section[data-story-section]')];
    // At the bottom of a page that has scrolled, a last section still below the line is read.
    const atBottom = scrollY > 0 && innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
    const last = sections.at(-1);
    if (atBottom && last && last.getBoundingClientRect().bottom > line) return last.id;
    const passed = sections.filter((section) => section.getBoundingClientRect().top <= line).at(-1);
    if (!passed) return null;
    if (passed === sections.at(-1) && passed.getBoundingClientRect().bottom < line) return null;
    return passed.id;
  });
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
