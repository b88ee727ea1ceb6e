/**
 * The README and the editors' guide (EDITING.md) are what editors read, so they must be right:
 * the README's field reference is the one the schemas produce (`npm run docs`), and every YAML
 * and MDX example in either passes the same checks as real content, the MDX in a generated
 * explainer that has what each example names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { README, withFieldReference } from '../scripts/docs';
import { readContent, splitFrontmatter } from '../src/lib/content/read';
import { DATA_FILES } from '../src/lib/content/schemas';
import { readYaml, validate } from '../src/lib/content/yaml';
import { scratch } from './fixtures';
import { type StoryOptions, writeStory } from './story-generator';

const readme = readFileSync(README, 'utf8');
const EDITING = path.join(path.dirname(README), 'EDITING.md');
/** The examples of both files, numbered in each ("EDITING.md 3"). */
const blocks = [README, EDITING].flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/^```(yaml|mdx|md)\n([\s\S]*?)^```$/gm)].map((match, index) => ({
    index: `${path.basename(file)} ${index + 1}`,
    language: match[1]!,
    text: match[2]!,
  })),
);
const work = scratch('readme');

it('the field reference is the one the schemas give (run `npm run docs` after changing a schema)', async () => {
  expect(readme).toBe(await withFieldReference(readme));
});

describe('every YAML example validates against the file it names', () => {
  const yaml = blocks.filter((b) => b.language === 'yaml');
  it('there are examples, and each names its file in its first line', () => {
    expect(yaml.length).toBeGreaterThanOrEqual(3);
    for (const block of yaml) expect(block.text, `example ${block.index}`).toMatch(/^# \S/);
  });
  it.each(yaml.map((b) => [b.index, b.text.split('\n')[0]!.slice(2), b.text] as const))(
    'example %s (%s)',
    (_, named, text) => {
      const entry = Object.entries(DATA_FILES).find(([file]) => named === file);
      expect(entry, `a schema for "${named}"`).toBeDefined();
      expect(validate(readYaml(`README example (${named})`, text), entry![1]).problems).toEqual([]);
    },
  );
});

describe('every MDX example passes the section checks in an explainer that has what it names', () => {
  const mdx = blocks.filter((b) => b.language !== 'yaml');
  const seed = inject('storySeed');
  it.each(mdx.map((b, i) => [b.index, i + 1, b.text] as const))('example %s', (_, index, text) => {
    // A generated story with the people, terms, charts, map, sections and source urls the
    // example names (never the real story's, which a newsroom replaces), the rest random.
    const all = (pattern: RegExp) => [...new Set([...text.matchAll(pattern)].map((m) => m[1]!))];
    const slugs = all(/\]\(#([a-z0-9-]+)\)/g);
    const names = {
      people: all(/<Person id="([^"]+)"/g),
      terms: all(/<Term id="([^"]+)"/g),
      charts: all(/<ShareChart id="([^"]+)"/g),
      slugs,
      // Every web address an example links (a footnote's may sit on its continuation line).
      urls: all(/\]\((https:[^)\s]+)\)/g),
    };
    const options: StoryOptions = {
      sections: Math.max(1, slugs.length),
      people: names.people.length,
      terms: names.terms.length,
      charts: names.charts.length,
      map: text.includes('<LocatorMap />'),
      names,
    };
    const dir = path.join(work, `mdx-${index}`);
    writeStory(dir, 'story', seed + index, options);
    // A whole section file keeps its frontmatter, with its order moved past the generated
    // sections' (1 to n), which an example's "order: 1" would repeat.
    let file = text.replace(/^order: \d+$/m, 'order: 99');
    const parts = splitFrontmatter(text);
    if ('problem' in parts) {
      file = `---\ntitle: README example\nslug: readme-example\norder: 99\nsummary: An example from the README.\n---\n\n${text}`;
    }
    writeFileSync(path.join(dir, 'story', 'sections', '99-readme-example.mdx'), file);
    const { explainers, problems } = readContent(dir);
    expect([...problems, ...explainers.flatMap((e) => e.problems)], `story seed ${seed + index}`).toEqual([]);
  });
});
