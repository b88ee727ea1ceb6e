/**
 * The content the test build is made from: the real explainers, the test-only ones in
 * tests/fixtures/explainers (never published) and generated ones (tests/stories.ts), read through the site's own content reader so
 * tests see sections exactly as the build does.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readContent, readSectionFile } from '../src/lib/content/read';
import { root } from './build';
import { GENERATED, seedOf } from './stories';
import { writeStory } from './story-generator';

export const realContentDir = path.join(root, 'content/explainers');
export const fixtureContentDir = path.join(root, 'tests/fixtures/explainers');
/** Where the global set-up puts both together for the test build. */
export const contentDir = path.join(root, 'tests/.tmp/content');

/**
 * Copies the real and the test-only explainers into one folder for the test build, and writes
 * the generated stories (tests/stories.ts) made from `seed`. An empty or missing content/
 * explainers/ is a new newsroom's: the test build still has the fixture and generated stories.
 */
export function composeTestContent(seed: number): void {
  rmSync(contentDir, { recursive: true, force: true });
  mkdirSync(contentDir, { recursive: true });
  for (const dir of [realContentDir, fixtureContentDir]) {
    for (const name of existsSync(dir) ? readdirSync(dir) : [])
      cpSync(path.join(dir, name), path.join(contentDir, name), { recursive: true });
  }
  for (const [id, options] of Object.entries(GENERATED))
    writeStory(contentDir, id, seedOf(seed, id), options);
}

/** The explainers the test build publishes, as the content reader returns them. */
export const publishedExplainers = () => readContent(contentDir).explainers.filter((e) => !e.draft);

export interface SectionSource {
  file: string;
  slug: string;
  title: string;
  summary: string;
  /** The text a reader sees, paragraph by paragraph (table cells one by one), without footnote marks. */
  paragraphs: string[];
}

interface Node {
  type: string;
  value?: string;
  children?: Node[];
}

/** A node's visible text: footnote marks and definitions left out, components keep their words. */
function textOf(node: Node): string {
  if (node.type === 'footnoteReference' || node.type === 'footnoteDefinition') return '';
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function paragraphs(node: Node): string[] {
  if (node.type === 'footnoteDefinition') return [];
  if (node.type === 'paragraph' || node.type === 'tableCell') {
    return [
      textOf(node)
        .replace(/^Table: /, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ].filter(Boolean);
  }
  return (node.children ?? []).flatMap(paragraphs);
}

/** The sections of an explainer in the test content, in their order. */
export function readSections(explainer: string): SectionSource[] {
  const entry = readContent(contentDir).explainers.find((e) => e.id === explainer)!;
  return entry.sections.map((section) => {
    const { text } = readSectionFile(path.join(contentDir, explainer), section.path);
    return {
      file: section.path,
      slug: section.slug,
      title: section.title,
      summary: section.summary,
      paragraphs: paragraphs(text!.tree as unknown as Node),
    };
  });
}

/** Smart quotes come from the Markdown processor; compare the words, not the glyphs. */
export const plain = (text: string) => text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ');

export const readContentFile = (explainer: string, file: string) =>
  readFileSync(path.join(contentDir, explainer, file), 'utf8');
