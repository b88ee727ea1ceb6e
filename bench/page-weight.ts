/**
 * Page weight from the built files alone: the HTML, the CSS and JS it inlines or links, raw and
 * compressed, and the requests its markup makes. Reads markup with parse5 (the HTML spec's
 * parser) rather than regular expressions.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface PageWeight {
  /** The URL path the page is served at, e.g. "/moscow-afghanistan-talks/". */
  page: string;
  html: Sizes;
  css: Sizes;
  js: Sizes;
  /** HTML plus render-blocking external CSS and JS, gzip. */
  criticalGzip: number;
  blockingScripts: number;
  /** The page plus every distinct URL its markup and CSS make the browser fetch. */
  requests: number;
}

interface Asset {
  kind: 'css' | 'js';
  url: URL;
  body: Buffer;
  inline: boolean;
  blocking: boolean;
}

export const gzip = (body: Buffer) => gzipSync(body, { level: 9 }).length;
const brotli = (body: Buffer) =>
  brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Sizes of a set of files, each compressed on its own as a server would send it. */
function sizesOf(bodies: Buffer[]): Sizes {
  const sum = (measure: (body: Buffer) => number) => bodies.reduce((total, body) => total + measure(body), 0);
  return { raw: sum((body) => body.length), gzip: sum(gzip), brotli: sum(brotli) };
}

/** Every *.html file below `dir`, relative to it. */
export function htmlFiles(dir: string): string[] {
  return (
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.html'))
      // Redirect pages for renamed sections only send the browser on: nothing to measure.
      .filter((file) => !readFileSync(path.join(dir, file), 'utf8').includes('http-equiv="refresh"'))
      .sort()
  );
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const has = (el: Element, name: string) => attr(el, name) !== undefined;
const textOf = (el: Element) => el.childNodes.map((n) => ('value' in n ? n.value : '')).join('');
// JSON-LD, import maps and templates are scripts the browser does not run as JavaScript.
const isJavaScript = (el: Element) =>
  ['', 'module', 'text/javascript', 'application/javascript'].includes((attr(el, 'type') ?? '').trim());
// Link types the browser fetches while loading the page (not prefetch, canonical and the like).
const FETCHED_RELS = ['stylesheet', 'icon', 'apple-touch-icon', 'manifest', 'preload', 'modulepreload'];

/** Every element in document order, with whether it sits in <head>. */
function elements(node: Node, inHead = false): { el: Element; inHead: boolean }[] {
  const self = 'tagName' in node ? [{ el: node, inHead }] : [];
  const children = 'childNodes' in node ? node.childNodes : [];
  const below = inHead || node.nodeName === 'head';
  return [...self, ...children.flatMap((child) => elements(child, below))];
}

export function measurePage(siteDir: string, file: string): PageWeight {
  const page = `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
  const pageUrl = new URL(page, 'http://site');
  const html = readFileSync(path.join(siteDir, file));
  const assets: Asset[] = [];
  const requests = new Set<string>();

  /** Notes a request for `url`; returns the file's contents if it is part of the site. */
  const request = (url: URL): Buffer | undefined => {
    if (url.protocol === 'data:') return undefined;
    requests.add(url.href.replace(/#.*/, ''));
    const file = path.join(siteDir, decodeURIComponent(url.pathname));
    const isFile = url.host === 'site' && statSync(file, { throwIfNoEntry: false })?.isFile();
    return isFile ? readFileSync(file) : undefined;
  };

  for (const { el, inHead } of elements(parse(html.toString('utf8')))) {
    const src = attr(el, 'src');
    if (el.tagName === 'style') {
      assets.push({ kind: 'css', url: pageUrl, body: Buffer.from(textOf(el)), inline: true, blocking: true });
    } else if (el.tagName === 'script' && isJavaScript(el)) {
      const url = new URL(src ?? '', pageUrl);
      const body = src === undefined ? Buffer.from(textOf(el)) : request(url);
      // A classic <script src> in <head> without defer/async stops parsing until it has been
      // fetched and run. (Inline scripts wait for no request; Astro's are deferred modules.)
      const deferred = attr(el, 'type') === 'module' || has(el, 'defer') || has(el, 'async');
      const blocking = src !== undefined && inHead && !deferred;
      if (body) assets.push({ kind: 'js', url, body, inline: src === undefined, blocking });
    } else if (el.tagName === 'link') {
      const rels = (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/);
      const href = attr(el, 'href');
      if (!href || !rels.some((rel) => FETCHED_RELS.includes(rel))) continue;
      const url = new URL(href, pageUrl);
      const body = request(url);
      // media="print" (the usual async-CSS trick) does not hold up the first render.
      const media = (attr(el, 'media') ?? 'all').trim().toLowerCase();
      const blocking = !['print', 'not all'].includes(media) && !has(el, 'disabled');
      if (rels.includes('stylesheet') && body)
        assets.push({ kind: 'css', url, body, inline: false, blocking });
    } else if (['img', 'iframe', 'video', 'audio', 'embed'].includes(el.tagName)) {
      // Of a srcset the browser fetches one candidate; count the first.
      const ref = src ?? attr(el, 'srcset')?.trim().split(/\s+/)[0] ?? attr(el, 'poster');
      if (ref) request(new URL(ref, pageUrl));
    }
  }
  // Fonts and images referenced from CSS (url(...), @import url(...)), relative to the stylesheet.
  for (const css of assets.filter((a) => a.kind === 'css')) {
    for (const match of css.body.toString('utf8').matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
      if (!match[2]!.startsWith('#')) request(new URL(match[2]!, css.url)); // not url(#svg-filter)
    }
  }

  // Inline pieces travel together inside the HTML, so they are compressed together.
  const sizesOfKind = (kind: Asset['kind']) => {
    const inline = assets.filter((a) => a.kind === kind && a.inline).map((a) => a.body);
    const external = assets.filter((a) => a.kind === kind && !a.inline).map((a) => a.body);
    return sizesOf([...(inline.length ? [Buffer.concat(inline)] : []), ...external]);
  };
  // Inline CSS is already inside the HTML; only external blocking files add to the critical path.
  const blockingFiles = assets.filter((a) => a.blocking && !a.inline);
  return {
    page,
    html: sizesOf([html]),
    css: sizesOfKind('css'),
    js: sizesOfKind('js'),
    criticalGzip: gzip(html) + blockingFiles.reduce((total, a) => total + gzip(a.body), 0),
    blockingScripts: assets.filter((a) => a.kind === 'js' && a.blocking).length,
    requests: requests.size + 1,
  };
}
