/** Reads section sources the way the tests compare them with rendered pages. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { root } from './build';

export const contentDir = path.join(root, 'content/explainers');

export interface SectionSource {
  file: string;
  slug: string;
  title: string;
  /** The body's paragraphs as plain text: markup, footnote marks and definitions removed. */
  paragraphs: string[];
}

function paragraphsOf(mdx: string): string[] {
  return (
    mdx
      .replace(/^---[\s\S]*?---/, '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      // Footnote definitions, tables and components standing alone (<LocatorMap />) are not prose.
      .filter((p) => p && !p.startsWith('[^') && !p.startsWith('|') && !/^<[A-Z][^>]*\/>$/.test(p))
      .map((p) =>
        p
          .replace(/^Table: /, '')
          // <Term id="…">words</Term> and <Person …> keep their words.
          .replace(/<\/?[A-Z][A-Za-z]*\b[^>]*>/g, '')
          .replace(/\[\^[^\]]+\]/g, '')
          .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
          .replace(/[*_]/g, '')
          .replace(/\s+/g, ' '),
      )
  );
}

export function readSections(explainer: string): SectionSource[] {
  const dir = path.join(contentDir, explainer, 'sections');
  return readdirSync(dir)
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(dir, file), 'utf8');
      const frontmatter = parseYaml(/^---\n([\s\S]*?)\n---/.exec(source)![1]!) as {
        slug: string;
        title: string;
      };
      return { file, slug: frontmatter.slug, title: frontmatter.title, paragraphs: paragraphsOf(source) };
    });
}

/** Smart quotes come from the Markdown processor; compare the words, not the glyphs. */
export const plain = (text: string) => text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ');
