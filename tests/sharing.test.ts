/**
 * What social sites, chat apps and search engines read: meta tags, card images, JSON-LD,
 * sitemap, robots.txt and the feed, all from the built site.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import ogs from 'open-graph-scraper';
import { describe, expect, it } from 'vitest';
import { builtSite, sitePages } from './build';
import { plain, publishedExplainers, readSections } from './content';
import { attr, byTag, findAll, hasAttr, notProse, parseDocument, rawText, textOf } from './html';

const SITE = 'http://localhost:4321';
// The 404 page has no address of its own, so nothing to share; the search page is a tool, whose
// address (with ?q=) is a search, not a page of content: no card, no sitemap entry.
const htmlFiles = sitePages(builtSite).filter((file) => !['404.html', 'search/index.html'].includes(file));
const pages = htmlFiles.map((file) => {
  const html = readFileSync(path.join(builtSite, file), 'utf8');
  return { file, url: `${SITE}/${file.replace(/index\.html$/, '')}`, html, doc: parseDocument(html) };
});
const explainerIds = publishedExplainers().map((e) => e.id);

function meta(doc: ReturnType<typeof parseDocument>, key: string): string[] {
  return findAll(
    doc,
    (el) => el.tagName === 'meta' && (attr(el, 'property') === key || attr(el, 'name') === key),
  ).map((el) => attr(el, 'content') ?? '');
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const builtFile = (url: string) => path.join(builtSite, new URL(url).pathname);

describe.each(pages)('$file', ({ file, url, doc }) => {
  // The home page and the pages listing explainers (topics, people, terms) are no articles.
  const isArticle = file !== 'index.html' && !/^(topics|people|terms)\//.test(file);

  it('names itself for sharing: title, description, site, canonical og:url, Twitter card', () => {
    const [canonical] = findAll(doc, (el) => el.tagName === 'link' && attr(el, 'rel') === 'canonical');
    expect(attr(canonical!, 'href')).toBe(url);
    expect(meta(doc, 'og:url')).toEqual([url]);
    expect(meta(doc, 'og:title')[0]).toBeTruthy();
    expect(meta(doc, 'og:description')).toEqual(meta(doc, 'description'));
    expect(meta(doc, 'og:site_name')).toEqual(['Explainers']);
    expect(meta(doc, 'twitter:card')).toEqual(['summary_large_image']);
    expect(meta(doc, 'og:type')).toEqual([isArticle ? 'article' : 'website']);
    if (isArticle) {
      expect(meta(doc, 'article:published_time')[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(meta(doc, 'article:modified_time')[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('has exactly one absolute og:image, a 1200x630 PNG in the build, with its size and alt', () => {
    const images = meta(doc, 'og:image');
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(new RegExp(`^${SITE}/og/.+\\.png$`));
    expect(pngSize(builtFile(images[0]!))).toEqual({ width: 1200, height: 630 });
    expect(meta(doc, 'og:image:width')).toEqual(['1200']);
    expect(meta(doc, 'og:image:height')).toEqual(['630']);
    expect(meta(doc, 'og:image:alt')[0]!.length).toBeGreaterThan(10);
  });

  it('links its feed, favicon and apple-touch icon, and they exist', () => {
    const links = findAll(doc, byTag('link'));
    const href = (rel: string) => links.find((l) => attr(l, 'rel') === rel && attr(l, 'href'))!;
    expect(attr(href('alternate'), 'type')).toBe('application/rss+xml');
    for (const rel of ['alternate', 'icon', 'apple-touch-icon']) {
      expect(() => readFileSync(builtFile(new URL(attr(href(rel), 'href')!, SITE).href))).not.toThrow();
    }
  });

  it(`carries ${isArticle ? 'NewsArticle JSON-LD with the required fields' : 'no article JSON-LD'}`, () => {
    const scripts = findAll(
      doc,
      (el) => el.tagName === 'script' && attr(el, 'type') === 'application/ld+json',
    );
    expect(scripts).toHaveLength(isArticle ? 1 : 0);
    if (!isArticle) return;
    const data = JSON.parse(rawText(scripts[0]!)) as Record<string, unknown>;
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: meta(doc, 'og:title')[0],
      description: meta(doc, 'og:description')[0],
      image: meta(doc, 'og:image'),
      datePublished: meta(doc, 'article:published_time')[0],
      dateModified: meta(doc, 'article:modified_time')[0],
      publisher: { '@type': 'Organization', name: 'Explainers' },
      mainEntityOfPage: { '@id': url },
    });
    const isSectionPage = file.split('/').length === 3;
    if (isSectionPage) {
      expect(data.isPartOf).toMatchObject({ '@type': 'NewsArticle', url: url.replace(/[^/]+\/$/, '') });
    } else expect(data.isPartOf).toBeUndefined();
  });
});

describe.each(explainerIds)('section pages of %s', (id) => {
  const sections = readSections(id);
  it.each(sections)(
    '$slug: the whole section, its card, and a link back to the explainer at #$slug',
    (section) => {
      const page = pages.find((p) => p.file === `${id}/${section.slug}/index.html`)!;
      // The explainer is the page's h1, as context; the section keeps its h2, so its notes stay h3.
      const explainerPage = pages.find((p) => p.file === `${id}/index.html`)!;
      expect(findAll(page.doc, byTag('h1')).map((h) => textOf(h))).toEqual([
        textOf(findAll(explainerPage.doc, byTag('h1'))[0]!),
      ]);
      expect(textOf(findAll(page.doc, hasAttr('id', `${section.slug}-title`))[0]!)).toBe(section.title);
      expect(meta(page.doc, 'og:title')).toEqual([section.title]);
      expect(meta(page.doc, 'og:image')).toEqual([`${SITE}/og/${id}/${section.slug}.png`]);
      const [element] = findAll(
        page.doc,
        (el) => el.tagName === 'section' && attr(el, 'id') === section.slug,
      );
      const text = plain(textOf(element!, notProse));
      for (const paragraph of section.paragraphs) expect(text).toContain(plain(paragraph));
      expect(findAll(page.doc, hasAttr('href', `/${id}/#${section.slug}`))).toHaveLength(1);
      const index = sections.indexOf(section);
      const rel = (name: string) => findAll(page.doc, hasAttr('rel', name)).map((a) => attr(a, 'href'));
      expect(rel('prev')).toEqual(index > 0 ? [`/${id}/${sections[index - 1]!.slug}/`] : []);
      expect(rel('next')).toEqual(
        index < sections.length - 1 ? [`/${id}/${sections[index + 1]!.slug}/`] : [],
      );
    },
  );

  it('unfurls as the section in a link-preview library (open-graph-scraper)', async () => {
    const section = sections.at(-1)!;
    const page = pages.find((p) => p.file === `${id}/${section.slug}/index.html`)!;
    const { result } = await ogs({ html: page.html });
    expect(result.ogTitle).toBe(section.title);
    expect(result.ogDescription).toBe(section.summary);
    expect(result.ogImage?.map((image) => image.url)).toEqual([`${SITE}/og/${id}/${section.slug}.png`]);
    expect(result.ogUrl).toBe(`${SITE}/${id}/${section.slug}/`);
  });
});

it('gives every page a card of its own: no two cards in the build are alike', () => {
  const cards = [...new Set(pages.flatMap(({ doc }) => meta(doc, 'og:image')))].map(builtFile);
  expect(cards.length).toBe(pages.length);
  const bytes = new Set(cards.map((file) => readFileSync(file).toString('base64')));
  expect(bytes.size).toBe(cards.length);
});

describe('sitemap, robots.txt and feed', () => {
  const xml = new XMLParser();

  it('the sitemap lists every page and nothing else', () => {
    const index = readFileSync(path.join(builtSite, 'sitemap-index.xml'), 'utf8');
    expect(SyntaxValidator.validate(index)).toBe(true);
    const sitemaps = [xml.parse(index).sitemapindex.sitemap].flat() as { loc: string }[];
    const listed = sitemaps.flatMap(({ loc }) => {
      const body = readFileSync(builtFile(loc), 'utf8');
      expect(SyntaxValidator.validate(body)).toBe(true);
      return ([xml.parse(body).urlset.url].flat() as { loc: string }[]).map((u) => u.loc);
    });
    expect(listed.sort()).toEqual(pages.map((p) => p.url).sort());
  });

  it('robots.txt allows crawling and points at the sitemap by absolute URL', () => {
    const robots = readFileSync(path.join(builtSite, 'robots.txt'), 'utf8');
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toContain(`Sitemap: ${SITE}/sitemap-index.xml`);
  });

  it('the feed is well-formed RSS listing every explainer, and every change of its log', () => {
    const feed = readFileSync(path.join(builtSite, 'feed.xml'), 'utf8');
    expect(SyntaxValidator.validate(feed)).toBe(true);
    const channel = xml.parse(feed).rss.channel;
    const items = [channel.item].flat() as { link: string; title: string }[];
    const [stories, changes] = [
      items.filter((i) => !i.link.includes('#')),
      items.filter((i) => i.link.includes('#')),
    ];
    expect(stories.map((item) => item.link).sort()).toEqual(
      explainerIds.map((id) => `${SITE}/${id}/`).sort(),
    );
    const logged = publishedExplainers().flatMap((e) => e.changes.map(() => e.id));
    expect(changes.map((item) => new URL(item.link).pathname.split('/')[1]).sort()).toEqual(logged.sort());
    for (const item of items) expect(item.title).toBeTruthy();
  });
});
