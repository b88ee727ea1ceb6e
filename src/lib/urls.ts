/**
 * Every path the site links to, made in one place so pages, cards, feeds and tests agree.
 * All of them carry the base path the site is built for (BASE_PATH, e.g. /explainers/), so the
 * same code serves a domain root and a project subpath.
 */

/** The base path without its trailing slash: "" at a domain root, "/explainers" below one. */
const BASE = (import.meta.env.BASE_URL ?? '/').replace(/\/+$/, '');

/** A site path ("/feed.xml") below the base path ("/explainers/feed.xml"). */
export const withBase = (path: string) => `${BASE}${path}`;

export const homePath = () => withBase('/');
export const explainerPath = (explainer: string) => withBase(`/${explainer}/`);
export const sectionPath = (explainer: string, slug: string) => withBase(`/${explainer}/${slug}/`);
/** The explainer page, scrolled to one section. */
export const sectionInExplainerPath = (explainer: string, slug: string) => withBase(`/${explainer}/#${slug}`);
/** The explainer's locator map, a static SVG drawn at build time, in light or dark colours. */
export const mapPath = (explainer: string, scheme: 'light' | 'dark' = 'light') =>
  withBase(`/${explainer}/${scheme === 'dark' ? 'map-dark' : 'map'}.svg`);
/** Social card images: one per explainer, one per section; /og/site.png for the home page. */
export const cardPath = (explainer?: string, slug?: string) =>
  withBase(explainer ? `/og/${explainer}${slug ? `/${slug}` : ''}.png` : '/og/site.png');

/** An absolute URL on the site, for canonical links, cards and feeds. */
export const absolute = (path: string, site: URL | string) => new URL(path, site).href;
