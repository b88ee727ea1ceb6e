import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  oldSlugRedirects,
  redirectPage,
  redirectsFile,
  withCspMeta,
  writeInside,
} from '../src/lib/host-files';
import { parseDocument, findAll, attr, rawText } from './html';

const work = mkdtempSync(path.join(tmpdir(), 'host-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeInside', () => {
  it('writes below the output folder and refuses any path that leaves it', () => {
    const dir = path.join(work, 'dist');
    writeInside(dir, 'story/old/index.html', 'x');
    expect(readdirSync(path.join(dir, 'story'))).toEqual(['old']);
    for (const escape of ['../outside.html', 'story/../../outside.html']) {
      expect(() => writeInside(dir, escape, 'x'), escape).toThrow(/outside/);
    }
    expect(readdirSync(work)).toEqual(['dist']);
  });
});

describe('redirects', () => {
  it('lead each old slug to the section, below the base path', () => {
    const redirects = oldSlugRedirects(
      [{ id: 'story', sections: [{ slug: 'new', oldSlugs: ['old', 'older'] }] }],
      '/base/',
    );
    expect(redirectsFile(redirects)).toBe(
      '/base/story/old/ /base/story/new/ 301\n/base/story/older/ /base/story/new/ 301\n',
    );
  });

  it('write pages whose every value is escaped, under a policy that runs nothing', () => {
    const page = parseDocument(redirectPage('/story/"><script>alert(1)</script>/', 'https://example.org'));
    expect(findAll(page, (el) => el.tagName === 'script')).toEqual([]);
    const refresh = findAll(page, (el) => attr(el, 'http-equiv') === 'refresh')[0]!;
    expect(attr(refresh, 'content')).toBe('0; url=/story/"><script>alert(1)</script>/');
    const csp = findAll(page, (el) => attr(el, 'http-equiv') === 'Content-Security-Policy')[0]!;
    expect(attr(csp, 'content')).toMatch(/^default-src 'none'/);
  });
});

describe('the CSP <meta>', () => {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

  it('hashes the page’s real stylesheets, not "<style>" written in an attribute, and goes first in the real <head>', () => {
    const html =
      '<!doctype html><html><!-- <head> --><head data-x="<head>"><meta charset="utf-8">' +
      '<meta name="description" content="About the <style> element: <style>b{}</style> and more">' +
      '<style>body{color:red}</style></head><body><style>p{}</style></body></html>';
    const doc = parseDocument(withCspMeta(html));
    const [head] = findAll(doc, (el) => el.tagName === 'head');
    const first = head!.childNodes.find((n) => 'tagName' in n)!;
    expect(attr(first as Parameters<typeof attr>[0], 'http-equiv')).toBe('content-security-policy');
    const styleSrc = attr(first as Parameters<typeof attr>[0], 'content')!
      .split('; ')
      .find((d) => d.startsWith('style-src'));
    const styles = findAll(doc, (el) => el.tagName === 'style').map((el) => hash(rawText(el)));
    expect(styles).toHaveLength(2);
    expect(styleSrc).toBe(["style-src 'self'", ...styles].join(' '));
  });
});
