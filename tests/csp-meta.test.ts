/**
 * Every page states its own Content-Security-Policy in a <meta>, the only policy a host without
 * header support (GitHub Pages) sends: the header policy minus what a <meta> cannot set, with
 * exactly the hashes of the inline code the page holds, and none for code it does not have.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEARCH_PAGE_FILE, SEARCH_SECURITY_HEADERS, SECURITY_HEADERS } from '../src/lib/host-files';
import { builtSite, sitePages } from './build';
import { attr, findAll, parseDocument, rawText } from './html';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe.each(sitePages(builtSite))('%s', (file) => {
  const doc = parseDocument(readFileSync(path.join(builtSite, file), 'utf8'));
  const metas = findAll(
    doc,
    (el) => el.tagName === 'meta' && attr(el, 'http-equiv')?.toLowerCase() === 'content-security-policy',
  );

  it('has one CSP <meta>, first in <head>, allowing exactly its inline styles and no inline scripts', () => {
    expect(metas).toHaveLength(1);
    const [head] = findAll(doc, (el) => el.tagName === 'head');
    expect(head!.childNodes.find((n) => 'tagName' in n)).toBe(metas[0]);
    const directives = Object.fromEntries(
      attr(metas[0]!, 'content')!
        .split('; ')
        .map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const),
    );
    const styles = findAll(doc, (el) => el.tagName === 'style').map((el) => hash(rawText(el)));
    expect(directives['style-src']).toEqual(["'self'", ...styles]);
    // WebAssembly on the search page alone, where Pagefind's search runs.
    const search = file === SEARCH_PAGE_FILE;
    expect(directives['script-src']).toEqual(search ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"]);
    // Inline scripts a browser would run: none (JSON-LD is data).
    const inline = findAll(
      doc,
      (el) => el.tagName === 'script' && !attr(el, 'src') && attr(el, 'type') !== 'application/ld+json',
    );
    expect(inline).toEqual([]);
    // The rest is the header policy, less frame-ancestors, which a <meta> cannot set.
    const headers = search ? SEARCH_SECURITY_HEADERS : SECURITY_HEADERS;
    const header = headers['Content-Security-Policy']!.split('; ').filter(
      (d) => !/^(style-src|frame-ancestors)/.test(d),
    );
    expect(
      attr(metas[0]!, 'content')!
        .split('; ')
        .filter((d) => !d.startsWith('style-src')),
    ).toEqual(header);
  });
});

it('the search page is in the build, with the one policy that allows WebAssembly', () => {
  const withWasm = sitePages(builtSite).filter((file) =>
    readFileSync(path.join(builtSite, file), 'utf8').includes("'wasm-unsafe-eval'"),
  );
  expect(withWasm).toEqual([SEARCH_PAGE_FILE]);
});
