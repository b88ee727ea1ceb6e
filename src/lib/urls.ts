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
/** The search page; it reads the query from ?q=. */
export const searchPath = () => withBase('/search/');
/** The folder of the search index Pagefind writes (src/lib/search-index.ts). */
export const searchIndexPath = () => withBase('/pagefind/');
export const explainerPath = (explainer: string) => withBase(`/${explainer}/`);
export const sectionPath = (explainer: string, slug: string) => withBase(`/${explainer}/${slug}/`);
/** The list of topics, a topic's page, and the hub page of a person or term several stories share. */
export const topicsPath = () => withBase('/topics/');
export const topicPath = (slug: string) => withBase(`/topics/${slug}/`);
export const hubPath = (kind: 'people' | 'terms', id: string) => withBase(`/${kind}/${id}/`);
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

/** What a link in a section needs to know of the explainer it is in. */
export interface LinkContext {
  explainer: string;
  sections: { slug: string; oldSlugs: string[] }[];
  /** True on the explainer page, where every section and the who's who, glossary and sources are. */
  onExplainerPage: boolean;
}

/**
 * Where a link written in a section goes on the page being built. Editors write "#slug" for a
 * section of the same explainer, "/story/#slug" or "/story/slug/" for another's, and
 * "/images/…" for a file; the build checks each target exists. On the explainer page "#slug"
 * stays in the page; on a section page it goes to that section's own page (and "#who-…",
 * "#term-…", "#source-…" to the explainer page, where those lists are). Every site path gets the
 * base path. Web addresses and footnote anchors are left as they are.
 */
export function resolveContentLink(
  href: string,
  { explainer, sections, onExplainerPage }: LinkContext,
): string {
  if (href.startsWith('/')) return withBase(href);
  if (!href.startsWith('#') || onExplainerPage) return href;
  const id = decodeURIComponent(href.slice(1));
  const section = sections.find((s) => s.slug === id || s.oldSlugs.includes(id));
  if (section) return sectionPath(explainer, section.slug);
  if (/^(who|term|source)-/.test(id)) return `${explainerPath(explainer)}${href}`;
  return href;
}
