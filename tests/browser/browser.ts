/** What the browser test files share besides the driver (engines.ts): sizes, pages, readings. */
import { builtSite, sitePages } from '../build';
import type { Tab } from './engines';

/** The explainer the browser tests read; everything else they find on its page. */
export const EXPLAINER = 'moscow-afghanistan-talks';
export const explainerPath = `/${EXPLAINER}/`;

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
