/** Where Tailwind looks for class names, and so what the stylesheet on every page holds. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { root } from './build';

const stylesDir = path.join(root, 'src/styles');

it('is generated from the templates alone, never from a story', () => {
  // Tailwind reads every word of a scanned file as a possible class name: a story that said
  // "a ring marks the province" put the .ring utility, with its fourteen @property rules, into
  // every page's stylesheet. What a story says must never change the CSS of every page.
  const css = readFileSync(path.join(stylesDir, 'global.css'), 'utf8');
  expect(css).toMatch(/@import 'tailwindcss' source\(none\)/);
  const scanned = [...css.matchAll(/@source\s+(?!inline\()['"]([^'"]+)['"]/g)].map((m) =>
    path.resolve(stylesDir, m[1]!),
  );
  expect(scanned.length).toBeGreaterThan(0);
  const inside = (dir: string, file: string) => file === dir || file.startsWith(dir + path.sep);
  // The stories and the tests are words, not templates: neither they nor a folder holding them.
  for (const words of [path.join(root, 'content'), path.join(root, 'tests')]) {
    expect(scanned.filter((dir) => inside(dir, words) || inside(words, dir))).toEqual([]);
  }
});
