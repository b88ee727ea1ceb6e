/** What a page tells social sites and search engines about itself. */

/** The size of every social card, as og:image:width and og:image:height announce it. */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface Social {
  /** og:title, when it should differ from the page's <title> (a section page: the section alone). */
  headline?: string;
  /** Site path of the 1200x630 card, e.g. /og/story/section.png. */
  image: string;
  imageAlt: string;
  /** Article pages carry their report and update dates (YYYY-MM-DD). */
  article?: { published: string; modified: string };
  /** Structured data for search engines (schema.org). */
  jsonLd?: Record<string, unknown>;
}

interface ArticleFacts {
  headline: string;
  description: string;
  /** Absolute URLs. */
  url: string;
  image: string;
  published: string;
  modified: string;
  siteName: string;
  siteUrl: string;
  /** For a section page: the explainer it belongs to. */
  partOf?: { headline: string; url: string };
}

/** A schema.org NewsArticle; a section page is marked as part of its explainer. */
export function newsArticle(facts: ArticleFacts): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: facts.headline,
    description: facts.description,
    image: [facts.image],
    datePublished: facts.published,
    dateModified: facts.modified,
    inLanguage: 'en-GB',
    mainEntityOfPage: { '@type': 'WebPage', '@id': facts.url },
    publisher: { '@type': 'Organization', name: facts.siteName, url: facts.siteUrl },
    ...(facts.partOf && {
      isPartOf: { '@type': 'NewsArticle', headline: facts.partOf.headline, url: facts.partOf.url },
    }),
  };
}

/** JSON for a <script type="application/ld+json">: "<" escaped so no text can close the element. */
export const serializeJsonLd = (data: Record<string, unknown>) =>
  JSON.stringify(data).replace(/</g, '\\u003c');
