/** What the browser test files share besides the driver (engines.ts): sizes, pages, readings. */
import { builtSite, sitePages } from '../build';
import { publishedExplainers } from '../content';
import type { Tab } from './engines';

/**
 * Every explainer the test build publishes (the real ones and the test-only one of another
 * shape), as [id, path]. Tests about the story itself run over all of them; tests of a part
 * not every story has (terms, cards, tables, the map) run where it is.
 */
export const EXPLAINERS = publishedExplainers().map(
  (explainer) => [explainer.id, `/${explainer.id}/`] as const,
);

/** The first explainer with `has` true of its content: where a test of that part runs. */
export function explainerWith(
  has: (explainer: ReturnType<typeof publishedExplainers>[number]) => boolean,
): string {
  const found = publishedExplainers().find(has);
  if (!found) throw new Error('no explainer in the test build has what this test needs');
  return `/${found.id}/`;
}

/** The explainer with the most apparatus (terms, cards, a table, a map), for whole-page checks. */
export const explainerPath = explainerWith((e) => e.terms.length > 0 && e.people.length > 0);
export const EXPLAINER = explainerPath.slice(1, -1);

/** Every page of the built site, as a path ("/", "/moscow-afghanistan-talks/"). */
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
