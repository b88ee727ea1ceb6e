import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oldSlugRedirects, redirectPage, redirectsFile, writeInside } from '../src/lib/host-files';
import { parseDocument, findAll, attr } from './html';

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
