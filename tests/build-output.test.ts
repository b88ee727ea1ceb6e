/**
 * The built site, read with a real HTML parser: what a reader's browser (or one with
 * JavaScript off) receives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtSite, sitePages } from './build';
import { comparePartialDates, isAfter, toPartialDate } from '../src/lib/dates';
import { hubsOf, topicsOf } from '../src/lib/hubs';
import { contentDir, plain, publishedExplainers, readSections } from './content';

const contentDirOf = (id: string) => path.join(contentDir, id);
import { attr, byTag, findAll, hasAttr, notProse, parseDocument, textOf, type Element } from './html';

const pages = sitePages(builtSite).map((file) => {
  const html = readFileSync(path.join(builtSite, file), 'utf8');
  return { file, html, doc: parseDocument(html) };
});

const explainers = publishedExplainers();
const explainerIds = explainers.map((e) => e.id);

describe('every page', () => {
  it('was built: the home page, the 404 page, the search page, a page per explainer and a page per section, the topics, a page per topic and per shared person or term', () => {
    const expected = explainerIds.flatMap((id) => [
      `${id}/index.html`,
      ...readSections(id).map((section) => `${id}/${section.slug}/index.html`),
    ]);
    expected.push('topics/index.html', ...topicsOf(explainers).map((t) => `topics/${t.slug}/index.html`));
    for (const kind of ['people', 'terms'] as const)
      expected.push(...hubsOf(explainers, kind).map((hub) => `${kind}/${hub.id}/index.html`));
    expect(pages.map((p) => p.file).sort()).toEqual(
      ['404.html', 'index.html', 'search/index.html', ...expected].sort(),
    );
  });

  it.each(pages)('$file has lang, a title, a meta description and one h1', ({ doc }) => {
    const [html] = findAll(doc, byTag('html'));
    expect(attr(html!, 'lang')).toMatch(/^en/);
    expect(textOf(findAll(doc, byTag('title'))[0]!)).not.toBe('');
    const description = findAll(doc, (el) => el.tagName === 'meta' && attr(el, 'name') === 'description');
    expect(description).toHaveLength(1);
    expect(attr(description[0]!, 'content')?.length).toBeGreaterThan(20);
    expect(findAll(doc, byTag('h1'))).toHaveLength(1);
  });

  it.each(pages)(
    '$file has one search form, the header’s or (on the search page) its own',
    ({ file, doc }) => {
      const forms = findAll(doc, (el) => el.tagName === 'form' && attr(el, 'role') === 'search');
      expect(forms).toHaveLength(1);
      const inHeader = findAll(doc, byTag('header')).some(
        (header) => findAll(header, byTag('form')).length > 0,
      );
      expect(inHeader).toBe(file !== 'search/index.html');
    },
  );

  it.each(pages)('$file runs no word into a link', ({ html }) => {
    // Astro's HTML compression drops a line break between text and an element ("All
    // changes:<a>"); only a footnote mark (<sup>) may follow a word directly.
    expect(html.match(/[A-Za-z:,;]<(a|strong|em|span|time|abbr|code) [^>]*>[^<]{0,30}/g) ?? []).toEqual([]);
  });

  it.each(pages)('$file has no duplicate ids', ({ doc }) => {
    const ids = findAll(doc, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id'));
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it.each(pages)('$file has every in-page link pointing at an existing id', ({ doc }) => {
    const ids = new Set(findAll(doc, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id')));
    const fragments = findAll(doc, (el) => el.tagName === 'a' && (attr(el, 'href') ?? '').startsWith('#'));
    const broken = fragments.map((a) => attr(a, 'href')!.slice(1)).filter((id) => !ids.has(id));
    expect(broken).toEqual([]);
  });
});

describe.each(explainerIds)('explainer %s', (id) => {
  const page = pages.find((p) => p.file === `${id}/index.html`)!;
  const sections = readSections(id);
  const content = explainers.find((e) => e.id === id)!;
  const sectionElement = (slug: string): Element | undefined =>
    findAll(page.doc, (el) => el.tagName === 'section' && attr(el, 'id') === slug)[0];

  it.each(sections)('section $slug is a <section> with its id, heading and self-link', ({ slug, title }) => {
    const section = sectionElement(slug);
    expect(section).toBeDefined();
    const [heading] = findAll(section!, byTag('h2'));
    expect(textOf(heading!)).toBe(title);
    expect(attr(section!, 'aria-labelledby')).toBe(attr(heading!, 'id'));
    const selfLinks = findAll(section!, hasAttr('href', `#${slug}`));
    expect(selfLinks).toHaveLength(1);
    expect(textOf(selfLinks[0]!)).toContain(title);
  });

  it.each(sections)('section $slug carries its full text in the HTML', ({ slug, paragraphs }) => {
    // Footnote marks (<sup>) are numbers in the HTML and [^n] in the source: compare without them.
    const text = plain(textOf(sectionElement(slug)!, notProse));
    expect(paragraphs.length).toBeGreaterThan(0);
    for (const paragraph of paragraphs) expect(text).toContain(plain(paragraph));
  });

  it('lists the sections in their order', () => {
    const order = findAll(page.doc, hasAttr('data-story-section')).map((el) => attr(el, 'id'));
    expect(order).toEqual(sections.map((s) => s.slug));
  });

  it('links every timeline event to a section on the page, oldest first', () => {
    const [timeline] = findAll(page.doc, byTag('timeline-spy'));
    const links = findAll(timeline!, byTag('a'));
    const slugs = sections.map((s) => s.slug);
    expect(links).toHaveLength(content.events.length);
    for (const link of links) expect(slugs).toContain(attr(link, 'href')!.slice(1));
    const lists = findAll(timeline!, byTag('ol'));
    for (const list of lists) {
      const dates = findAll(list, byTag('time')).map((time) => toPartialDate(attr(time, 'datetime')!));
      for (let i = 1; i < dates.length; i++)
        expect(comparePartialDates(dates[i - 1]!, dates[i]!)).toBeLessThanOrEqual(0);
    }
  });

  it('keeps scheduled dates with what was known on the report date, and sets later events apart', () => {
    const [timeline] = findAll(page.doc, byTag('timeline-spy'));
    const [known, later] = findAll(timeline!, byTag('ol'));
    const texts = (list: Element | undefined) =>
      list ? findAll(list, byTag('a')).map((a) => textOf(a)) : [];
    const report = toPartialDate(content.reportDate);
    for (const event of content.events) {
      const after = isAfter(toPartialDate(event.date), report);
      const list = after && !event.scheduled ? texts(later) : texts(known);
      expect(
        list.some((text) => text.includes(event.title)),
        event.title,
      ).toBe(true);
    }
  });

  it('footnotes are numbered per section but unique on the page', () => {
    const withNotes = sections.filter((s) =>
      /^\[\^[^\]]+\]:/m.test(readFileSync(path.join(contentDirOf(id), s.file), 'utf8')),
    );
    expect(findAll(page.doc, hasAttr('data-footnotes'))).toHaveLength(withNotes.length);
    const refs = findAll(page.doc, hasAttr('data-footnote-ref'));
    for (const ref of refs) expect(attr(ref, 'href')).toMatch(/^#[a-z0-9-]+-fn-\d+$/);
  });
});
