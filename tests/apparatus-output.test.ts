/**
 * The who's who, glossary, chart, table and map as built: every link into them lands, and
 * the figures come from the data files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { builtSite, sitePages } from './build';
import { publishedExplainers } from './content';
import { attr, byTag, findAll, hasAttr, parseDocument, textOf, type Element } from './html';

/** The map must stay a few kilobytes on the wire: this is its budget, gzip -9. */
const MAP_GZIP_BUDGET = 6_000;

const read = (file: string) => parseDocument(readFileSync(path.join(builtSite, file), 'utf8'));
const pages = sitePages(builtSite).map((file) => ({ file, doc: read(file) }));
const docByPath = new Map(pages.map(({ file, doc }) => [`/${file.replace(/index\.html$/, '')}`, doc]));
const idsOf = (doc: ReturnType<typeof read>) =>
  new Set(findAll(doc, hasAttr('id')).map((el) => attr(el, 'id')));

/** Resolves an href on `file` to the page and fragment it names. */
function target(file: string, href: string) {
  const url = new URL(href, `http://site/${file.replace(/index\.html$/, '')}`);
  return { doc: docByPath.get(url.pathname), id: decodeURIComponent(url.hash.slice(1)) };
}

const explainers = publishedExplainers();

// Each part is checked where an explainer has it, and shown absent where it has not.
describe.each(explainers.map((e) => [e.id, e] as const))('the apparatus of %s', (id, content) => {
  const explainerDoc = docByPath.get(`/${id}/`)!;
  const { people, terms } = content;

  it('has a who’s who and a glossary exactly when it has entries for them', () => {
    expect(findAll(explainerDoc, hasAttr('id', 'whos-who'))).toHaveLength(people.length > 0 ? 1 : 0);
    expect(findAll(explainerDoc, hasAttr('id', 'glossary'))).toHaveLength(terms.length > 0 ? 1 : 0);
  });

  it('has a who’s who card for every person and group in whos-who.yaml, at #who-<id>', () => {
    for (const person of people) {
      const [card] = findAll(explainerDoc, hasAttr('id', `who-${person.id}`));
      expect(card, person.id).toBeDefined();
      expect(textOf(findAll(card!, byTag('h3'))[0]!)).toBe(person.name);
    }
  });

  it('links every card from the text, and every link lands on a card, on every page', () => {
    const linked = new Set<string>();
    for (const { file, doc } of pages.filter((p) => p.file.startsWith(`${id}/`))) {
      for (const link of findAll(doc, hasAttr('class', 'person-link'))) {
        const { doc: page, id: anchor } = target(file, attr(link, 'href')!);
        expect(page && idsOf(page).has(anchor), `${file}: ${attr(link, 'href')}`).toBe(true);
        expect(anchor).toMatch(/^who-/);
        linked.add(anchor);
      }
    }
    expect([...linked].sort()).toEqual(people.map((p) => `who-${p.id}`).sort());
  });

  it('opens a definition from every term in the text, and every term is in the glossary', () => {
    const used = new Set<string>();
    for (const { file, doc } of pages.filter((p) => p.file.startsWith(`${id}/`))) {
      const ids = idsOf(doc);
      for (const button of findAll(
        doc,
        (el) => el.tagName === 'button' && attr(el, 'popovertarget') !== undefined,
      )) {
        const popoverId = attr(button, 'popovertarget')!;
        expect(ids.has(popoverId), `${file}: ${popoverId}`).toBe(true);
        const [popover] = findAll(doc, hasAttr('id', popoverId));
        expect(attr(popover!, 'popover'), popoverId).toBe('');
        const [link] = findAll(popover!, byTag('a'));
        const { doc: page, id: anchor } = target(file, attr(link!, 'href')!);
        expect(page && idsOf(page).has(anchor), `${file}: ${attr(link!, 'href')}`).toBe(true);
        const term = terms.find((t) => `term-${t.id}` === anchor)!;
        expect(textOf(popover!)).toContain(term.definition);
        used.add(term.id);
      }
    }
    // Every glossary entry is listed under the story and used at least once in the text.
    for (const term of terms) expect(idsOf(explainerDoc).has(`term-${term.id}`), term.id).toBe(true);
    expect([...used].sort()).toEqual(terms.map((t) => t.id).sort());
  });

  it('draws each chart from its data file', () => {
    const figures = findAll(
      explainerDoc,
      (el) => el.tagName === 'figure' && (attr(el, 'class') ?? '').split(' ').includes('share-chart'),
    );
    const charts = Object.values(content.charts);
    expect(figures).toHaveLength(charts.length);
    for (const [index, chart] of charts.entries()) {
      const widths = findAll(figures[index]!, byTag('rect')).map((rect) => Number(attr(rect, 'width')));
      const parts = chart.parts.map((part) => part.value);
      const rest = 100 - parts.reduce((a, b) => a + b, 0);
      // Parts that fill the whole leave no rest to draw, whatever its label.
      expect(widths).toEqual(chart.rest && rest > 0 ? [...parts, rest] : parts);
    }
  });

  it('gives every table a caption, column and row headers, and a scroll box named by the caption', () => {
    const boxes = findAll(explainerDoc, hasAttr('class', 'table-scroll'));
    expect(boxes).toHaveLength(findAll(explainerDoc, byTag('table')).length);
    for (const box of boxes) {
      const [table] = findAll(box, byTag('table'));
      const [caption] = findAll(table!, byTag('caption'));
      expect(attr(box, 'aria-labelledby')).toBe(attr(caption!, 'id'));
      expect([attr(box, 'role'), attr(box, 'tabindex')]).toEqual(['region', '0']);
      const rows = findAll(findAll(table!, byTag('tbody'))[0]!, byTag('tr'));
      for (const row of rows) {
        const [first] = row.childNodes.filter((n): n is Element => 'tagName' in n);
        expect([first!.tagName, attr(first!, 'scope')]).toEqual(['th', 'row']);
      }
      // A header for every column, however many (one to eight in generated stories).
      const cells = (row: Element) => row.childNodes.filter((n): n is Element => 'tagName' in n).length;
      const columns = findAll(table!, (el) => el.tagName === 'th' && attr(el, 'scope') === 'col').length;
      expect(columns).toBeGreaterThan(0);
      for (const row of rows) expect(cells(row)).toBe(columns);
    }
  });

  it(`has a locator map that names its places and stays under ${MAP_GZIP_BUDGET} bytes gzip, if it has one`, () => {
    const { map } = content;
    const images = findAll(
      explainerDoc,
      (el) => el.tagName === 'img' && attr(el, 'src') === `/${id}/map.svg`,
    );
    expect(images).toHaveLength(map ? 1 : 0);
    if (!map) return;
    const svg = readFileSync(path.join(builtSite, id, 'map.svg'), 'utf8');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const name of [map.focus, ...map.countries, ...map.places.map((p) => p.name)]) {
      expect(texts, name).toContain(name);
    }
    expect(svg).toContain(`<desc`);
    expect(svg).toMatch(/role="img"/);
    expect(gzipSync(svg, { level: 9 }).length).toBeLessThan(MAP_GZIP_BUDGET);
    const [img] = findAll(explainerDoc, (el) => el.tagName === 'img' && attr(el, 'src') === `/${id}/map.svg`);
    expect(attr(img!, 'alt')).toBe(map.description);
  });
});
