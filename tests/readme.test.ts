/**
 * The README is what editors read first, so it must be right: its field reference is the one
 * the schemas produce (`npm run docs`), and every YAML and MDX example in it passes the same
 * checks as real content.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { README, withFieldReference } from '../scripts/docs';
import { readContent, splitFrontmatter } from '../src/lib/content/read';
import { DATA_FILES } from '../src/lib/content/schemas';
import { readYaml, validate } from '../src/lib/content/yaml';
import { realContentDir } from './content';
import { scratch } from './fixtures';

const readme = readFileSync(README, 'utf8');
const blocks = [...readme.matchAll(/^```(yaml|mdx|md)\n([\s\S]*?)^```$/gm)].map((match, index) => ({
  index: index + 1,
  language: match[1]!,
  text: match[2]!,
}));
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
    'example %i (%s)',
    (_, named, text) => {
      const entry = Object.entries(DATA_FILES).find(([file]) => named === file);
      expect(entry, `a schema for "${named}"`).toBeDefined();
      expect(validate(readYaml(`README example (${named})`, text), entry![1]).problems).toEqual([]);
    },
  );
});

describe('every MDX example passes the section checks in a real explainer', () => {
  const mdx = blocks.filter((b) => b.language !== 'yaml');
  it.each(mdx.map((b) => [b.index, b.text] as const))('example %i', (index, text) => {
    // A copy of the real story, whose people, terms, chart and map the examples use.
    const dir = path.join(work, `mdx-${index}`);
    cpSync(realContentDir, dir, { recursive: true });
    const story = readdirSync(dir).find((id) => readdirSync(path.join(dir, id)).includes('whos-who.yaml'))!;
    const sections = path.join(dir, story, 'sections');
    let file = text;
    const parts = splitFrontmatter(text);
    if (!('problem' in parts)) {
      // A whole section file takes the place of the section with its slug.
      const slug = /^slug: (.*)$/m.exec(parts.frontmatter)![1]!.trim();
      for (const name of readdirSync(sections)) {
        if (readFileSync(path.join(sections, name), 'utf8').includes(`\nslug: ${slug}\n`))
          rmSync(path.join(sections, name));
      }
    } else {
      file = `---\ntitle: README example\nslug: readme-example\norder: 99\nsummary: An example from the README.\n---\n\n${text}`;
    }
    writeFileSync(path.join(sections, '99-readme-example.mdx'), file);
    const { explainers, problems } = readContent(dir);
    expect([...problems, ...explainers.flatMap((e) => e.problems)]).toEqual([]);
  });
});
