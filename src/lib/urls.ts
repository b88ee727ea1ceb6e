/** Every path the site links to, made in one place so pages, cards, feeds and tests agree. */

export const explainerPath = (explainer: string) => `/${explainer}/`;
export const sectionPath = (explainer: string, slug: string) => `/${explainer}/${slug}/`;
/** The explainer page, scrolled to one section. */
export const sectionInExplainerPath = (explainer: string, slug: string) => `/${explainer}/#${slug}`;
/** Social card images: one per explainer, one per section; `/og/site.png` for the home page. */
export const cardPath = (explainer?: string, slug?: string) =>
  explainer ? `/og/${explainer}${slug ? `/${slug}` : ''}.png` : '/og/site.png';

/** An absolute URL on the site, for canonical links, cards and feeds. */
export const absolute = (path: string, site: URL | string) => new URL(path, site).href;
