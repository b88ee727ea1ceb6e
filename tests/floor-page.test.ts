/**
 * The bench's floor page (bench/floor-page.ts), what the render cost is measured against: each
 * built page's text as bare HTML. It must keep all that text, or the ratio flatters the page,
 * and nothing for styling or behaviour, or it is no floor.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorPage } from '../bench/floor-page';
import { builtSite, sitePages } from './build';
import { attr, findAll, parseDocument, textOf, type Element } from './html';

const pages = sitePages(builtSite).map((file) => {
  const html = readFileSync(path.join(builtSite, file), 'utf8');
  return { file, page: parseDocument(html), floor: parseDocument(floorPage(html)) };
});

/** Headings a reader gets on arrival (the search page's results heading is hidden until a search). */
const headings = (doc: ReturnType<typeof parseDocument>) =>
  findAll(doc, (el) => /^h[1-6]$/.test(el.tagName) && !insidePopover(el)).map((el) => textOf(el));
/**
 * Text a reader does not get on arrival: a glossary popover's (the floor page keeps it in the
 * glossary only) and a hidden element's (shown later by a script, if at all).
 */
const popover = (el: Element) => attr(el, 'popover') !== undefined || attr(el, 'hidden') !== undefined;
const insidePopover = (el: Element): boolean =>
  'tagName' in el.parentNode! && (popover(el.parentNode) || insidePopover(el.parentNode));

describe.each(pages)('the floor page of $file', ({ page, floor }) => {
  it('has no CSS and no JavaScript', () => {
    const styling = findAll(
      floor,
      (el) =>
        el.tagName === 'style' ||
        (el.tagName === 'script' && attr(el, 'type') !== 'application/ld+json') ||
        (el.tagName === 'link' && /stylesheet|modulepreload/.test(attr(el, 'rel') ?? '')) ||
        attr(el, 'class') !== undefined ||
        attr(el, 'style') !== undefined,
    );
    expect(styling.map((el) => el.tagName)).toEqual([]);
  });

  it('keeps every heading, paragraph and footnote of the page', () => {
    expect(headings(floor)).toEqual(headings(page));
    const text = textOf(floor);
    const paragraphs = findAll(page, (el) => el.tagName === 'p' && !insidePopover(el)).map((el) =>
      textOf(el, popover),
    );
    expect(paragraphs.filter((p) => !text.includes(p))).toEqual([]);
    const footnotes = (doc: typeof page) =>
      findAll(doc, (el) => /-fn-\d+$/.test(attr(el, 'id') ?? '')).map((el) => attr(el, 'id'));
    expect(footnotes(floor)).toEqual(footnotes(page));
  });
});
