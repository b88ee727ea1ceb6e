/**
 * The floor page: a built page reduced to its text as bare semantic HTML, with no CSS and no
 * JavaScript, the least work any browser can do to show that content. The render-cost bench
 * (render-cost.ts) loads it beside the real page and reports the real page's cost as a ratio.
 *
 * Made from the built HTML with parse5 (the HTML spec's parser), so it holds exactly the text
 * the reader gets: headings, paragraphs, lists, tables, figures with their images, footnotes,
 * the who's who, glossary, sources and the timeline list. What exists only for styling or
 * behaviour goes: <style>, <script>, stylesheet and module links, class, style and data-*
 * attributes, the glossary popovers (their text is in the glossary), the share controls, the
 * timeline's disclosure, hidden elements, decoration without text (aria-hidden), and the chart's SVG bar (its
 * figures are in the list beside it). A term's button becomes its words; custom elements and
 * labels give way to what they hold.
 */
import { parse, serialize, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Element = DefaultTreeAdapterMap['element'];
type ChildNode = DefaultTreeAdapterMap['childNode'];

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const has = (el: Element, name: string) => attr(el, name) !== undefined;
const isElement = (node: Node): node is Element => 'tagName' in node;
const textOf = (node: Node): string =>
  'value' in node ? node.value : 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';

/** Elements that go with everything in them. */
function dropped(el: Element): boolean {
  const rel = (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/);
  const type = (attr(el, 'type') ?? '').trim();
  return (
    ['style', 'template', 'noscript', 'svg', 'copy-link'].includes(el.tagName) ||
    // JSON-LD stays: it is data for search engines, never run, and costs the browser nothing.
    (el.tagName === 'script' && type !== 'application/ld+json') ||
    (el.tagName === 'link' && (rel.includes('stylesheet') || rel.includes('modulepreload'))) ||
    has(el, 'popover') ||
    has(el, 'hidden') ||
    (attr(el, 'aria-hidden') === 'true' && !textOf(el).trim()) ||
    // The timeline's disclosure holds only its summary; the events follow it.
    (el.tagName === 'details' && el.childNodes.every((n) => !isElement(n) || n.tagName === 'summary'))
  );
}

/** Elements replaced by what they hold: behaviour wrappers around text. */
const unwrapped = (el: Element) => el.tagName.includes('-') || ['button', 'label'].includes(el.tagName);

/** Attributes kept: what identifies, links, dates, describes or sizes the content. */
const kept = (name: string) =>
  !['class', 'style', 'popovertarget', 'tabindex', 'for'].includes(name) && !name.startsWith('data-');

function strip(parent: ParentNode): void {
  const children: ChildNode[] = [];
  for (const child of parent.childNodes) {
    if (!isElement(child)) {
      children.push(child);
      continue;
    }
    if (dropped(child)) continue;
    strip('content' in child ? child.content : child);
    child.attrs = child.attrs.filter((a) => kept(a.name));
    if (unwrapped(child)) {
      for (const grandchild of child.childNodes) grandchild.parentNode = parent;
      children.push(...child.childNodes);
    } else children.push(child);
  }
  parent.childNodes = children;
}

/** The floor page of a built page's HTML. */
export function floorPage(html: string): string {
  const document = parse(html);
  strip(document);
  return serialize(document);
}
