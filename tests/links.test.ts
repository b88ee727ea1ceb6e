/**
 * An internal link check over the whole build output, for the root build and the subpath
 * build: every internal href and src resolves to a file, every #fragment exists on its page,
 * no page repeats an id, and every redirect lands on a page.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtSite, builtSubpathSite, SUBPATH } from './build';
import { publishedExplainers } from './content';
import { attr, findAll, parseDocument } from './html';

const SITE = 'http://localhost:4321';

describe.each([
  ['root', builtSite, '/'],
  ['subpath', builtSubpathSite, SUBPATH],
] as const)('the %s build', (_, dir, base) => {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  const docs = new Map(
    files
      .filter((file) => file.endsWith('.html'))
      .map((file) => [file, parseDocument(readFileSync(path.join(dir, file), 'utf8'))] as const),
  );
  const idsOf = (file: string) =>
    findAll(docs.get(file)!, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id')!);

  /** The built file a site path is served from, or undefined. */
  function fileFor(sitePath: string): string | undefined {
    if (!sitePath.startsWith(base)) return undefined;
    const relative = decodeURIComponent(sitePath.slice(base.length));
    const candidates = [relative, path.join(relative, 'index.html')];
    return candidates.find((c) => existsSync(path.join(dir, c)) && statSync(path.join(dir, c)).isFile());
  }

  it.each([...docs.keys()])('%s: every internal link and resource resolves', (file) => {
    const broken: string[] = [];
    const here = `${base}${file.replace(/index\.html$/, '')}`;
    for (const el of findAll(docs.get(file)!)) {
      for (const name of ['href', 'src', 'content']) {
        const value = attr(el, name);
        if (!value || (name === 'content' && !value.startsWith(SITE))) continue;
        const url = new URL(value, `${SITE}${here}`);
        if (url.origin !== SITE) continue;
        const target = fileFor(url.pathname);
        if (!target) broken.push(`${value} (no file)`);
        else if (url.hash && target.endsWith('.html') && !idsOf(target).includes(url.hash.slice(1))) {
          broken.push(`${value} (no id ${url.hash} on ${target})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it.each([...docs.keys()])('%s: no duplicate ids', (file) => {
    const ids = idsOf(file);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('every _redirects entry leads from a redirect page to a real page', () => {
    const lines = readFileSync(path.join(dir, '_redirects'), 'utf8').trim().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const [from, to, status] = line.split(' ');
      expect(status).toBe('301');
      expect(from!.startsWith(base) && to!.startsWith(base)).toBe(true);
      expect(fileFor(to!)).toMatch(/index\.html$/);
      const page = readFileSync(path.join(dir, fileFor(from!)!), 'utf8');
      expect(page).toContain(`url=${to}`);
    }
  });

  it('every old slug still lands on its section on the explainer page', () => {
    const renamed = publishedExplainers().flatMap((e) =>
      e.sections.flatMap((s) => s.oldSlugs.map((old) => ({ id: e.id, old, slug: s.slug }))),
    );
    expect(renamed.length).toBeGreaterThan(0);
    for (const { id, old, slug } of renamed) {
      const [alias] = findAll(docs.get(`${id}/index.html`)!, (el) => attr(el, 'id') === old);
      expect(attr(alias!, 'data-slug-alias')).toBe('');
      const section = findAll(docs.get(`${id}/index.html`)!, (el) => attr(el, 'id') === slug)[0]!;
      expect(findAll(section, (el) => el === alias)).toHaveLength(1);
    }
  });
});
