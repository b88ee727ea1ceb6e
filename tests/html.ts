/**
 * A few helpers over parse5, the spec-compliant HTML parser browsers' behaviour is modelled on,
 * so tests read markup the way a browser does rather than with regular expressions.
 */
import { parse, parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

export type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

export const parseDocument = (html: string) => parse(html);
export const parseHtmlFragment = (html: string) => parseFragment(html);

/** Every element below `root`, in document order, that passes `test`. */
export function findAll(root: Node, test: (el: Element) => boolean = () => true): Element[] {
  const found: Element[] = [];
  const visit = (node: Node) => {
    if ('tagName' in node && test(node)) found.push(node);
    const children = 'content' in node && node.nodeName === 'template' ? node.content.childNodes : undefined;
    for (const child of [...('childNodes' in node ? node.childNodes : []), ...(children ?? [])]) visit(child);
  };
  visit(root);
  return found;
}

export const byTag = (tag: string) => (el: Element) => el.tagName === tag;

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export const hasAttr = (name: string, value?: string) => (el: Element) =>
  value === undefined ? attr(el, name) !== undefined : attr(el, name) === value;

/** The text a reader sees, whitespace collapsed; `skip` leaves out elements such as footnote marks. */
export function textOf(node: Node, skip: (el: Element) => boolean = () => false): string {
  const parts: string[] = [];
  const visit = (n: Node) => {
    if (n.nodeName === '#text' && 'value' in n) parts.push(n.value);
    if (n.nodeName === 'script' || n.nodeName === 'style') return;
    if ('tagName' in n && skip(n)) return;
    if ('childNodes' in n) for (const child of n.childNodes) visit(child);
  };
  visit(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The raw text of a <script> or <style>, which textOf leaves out. */
export function rawText(el: Element): string {
  return el.childNodes.map((n) => ('value' in n ? n.value : '')).join('');
}

/** Footnote marks and the definitions glossary terms open: text that is not the story's prose. */
export const notProse = (el: Element) => el.tagName === 'sup' || attr(el, 'popover') !== undefined;
