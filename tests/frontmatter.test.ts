/**
 * One parse: the content reader splits a section file where Astro's MDX compiler does, and the
 * section rules also run inside that compiler on the tree it compiles. A file the reader reads
 * one way and Astro another would let text past every check (a closing "---" at the end of a
 * line hid live MDX behind a harmless code block), so the split is fuzzed here against the very
 * function @astrojs/mdx calls, and the compiler's own check is shown to be wired in.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import config from '../astro.config.mjs';
import { remarkSectionRules } from '../src/lib/content/mdx';
import { splitFrontmatter } from '../src/lib/content/read';
import { root } from './build';

/** The frontmatter parser @astrojs/mdx itself imports (resolved from its folder, not ours). */
const fromMdx = createRequire(path.join(root, 'node_modules/@astrojs/mdx/dist/utils.js'));
const astro = (await import(
  pathToFileURL(fromMdx.resolve('@astrojs/internal-helpers/frontmatter')).href
)) as {
  parseFrontmatter(
    code: string,
    options: { frontmatter: 'empty-with-spaces' },
  ): { rawFrontmatter: string; content: string };
};

/** What the MDX compiler is handed for `source`, or undefined where Astro refuses the file. */
function astroBody(source: string): string | undefined {
  try {
    return astro.parseFrontmatter(source, { frontmatter: 'empty-with-spaces' }).content;
  } catch {
    return undefined; // js-yaml refused the frontmatter: Astro stops the build itself.
  }
}

const newline = fc.constantFrom('\n', '\r\n');
/** Lines that sit near a frontmatter boundary: delimiters with and without text around them. */
const boundaryLine = fc.constantFrom(
  '---',
  '--- ',
  '---x',
  '----',
  '+++',
  'summary: Nothing to see---',
  'summary: a +++',
  'title: T',
  'order: 1',
  '  ```',
  '```',
  '',
  ' ',
  'import x from "y"',
  '<meta http-equiv="refresh" content="0" />',
  'Text.',
);
const file = fc
  .tuple(fc.constantFrom('', '\uFEFF', '\n', ' \n'), fc.array(boundaryLine, { maxLength: 10 }), newline)
  .map(([start, lines, eol]) => start + lines.join(eol));

describe('the reader splits a section where Astro does', () => {
  it('for every file it accepts, its body is what the MDX compiler is handed (fuzzed)', () => {
    fc.assert(
      fc.property(file, (source) => {
        const parts = splitFrontmatter(source);
        if ('problem' in parts) return;
        const compiled = astroBody(source);
        if (compiled === undefined) return;
        // Astro blanks the frontmatter to spaces; what follows must be the reader's body exactly.
        expect(compiled.endsWith(parts.body)).toBe(true);
        expect(compiled.slice(0, compiled.length - parts.body.length)).toMatch(/^[\s\uFEFF]*$/);
        expect(compiled.split('\n').length - parts.body.split('\n').length + 1).toBe(parts.bodyLine);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a "---" at the end of a text line as text, as Astro does, so the code after it is checked', () => {
    const source = '---\nsummary: Nothing to see---\n  ```\n---\n\nimport x from "y"\n```\n';
    expect(splitFrontmatter(source)).toEqual({
      frontmatter: 'summary: Nothing to see---\n  ```',
      body: '\nimport x from "y"\n```\n',
      bodyLine: 5,
    });
  });

  it.each([
    ['text after the closing ---', '---\ntitle: T\n---x\nimport x from "y"\n', 3],
    ['TOML between +++', '+++\ntitle = "T"\n+++\n\nText.\n', 1],
    ['a --- opening closed by +++', '---\ntitle: T\n+++\n\nimport x from "y"\n', 3],
    ['a blank line before the first ---', '\n---\ntitle: T\n---\n\nText.\n', 1],
    ['text after the opening ---', '---x\ntitle: T\n---\n\nText.\n', 1],
  ])('refuses %s, naming the line', (_, source, line) => {
    expect(splitFrontmatter(source)).toMatchObject({ line, problem: expect.stringContaining('---') });
  });

  it.each([
    ['LF', '---\ntitle: T\n---\n\nText.\n'],
    ['CRLF', '---\r\ntitle: T\r\n---\r\n\r\nText.\r\n'],
    ['a byte-order mark', '\uFEFF---\ntitle: T\n---\n\nText.\n'],
    ['spaces after each ---', '--- \ntitle: T\n---\t\n\nText.\n'],
  ])('reads a section written with %s', (_, source) => {
    expect(splitFrontmatter(source)).toMatchObject({
      frontmatter: expect.stringMatching(/^title: T\r?$/),
      bodyLine: 4,
    });
  });
});

describe('the MDX compiler checks what it compiles', () => {
  it('is given the section rules as a remark plugin', () => {
    const processor = config.markdown?.processor as { options?: { remarkPlugins?: unknown[] } } | undefined;
    expect(processor?.options?.remarkPlugins).toContain(remarkSectionRules);
  });

  it('stops on code, raw HTML and unknown components, naming the file, line and column', async () => {
    const body =
      'Text.\n\nimport { x } from "y"\n\n<meta http-equiv="refresh" content="0" />\n\n{process.exit(1)}\n';
    const run = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkSectionRules);
    const vfile = { path: path.join(root, 'content/x/sections/01-a.mdx'), value: body };
    await expect(run.run(run.parse(body), vfile as never)).rejects.toThrow(
      /content\/x\/sections\/01-a\.mdx:3:1: import and export[\s\S]*01-a\.mdx:5:1: <meta>[\s\S]*01-a\.mdx:7:1: \{process/,
    );
    const clean = 'Text with a [link](https://example.org/).[^1]\n\n[^1]: Note.\n';
    await expect(run.run(run.parse(clean), { path: 'a.mdx', value: clean } as never)).resolves.toBeDefined();
  });
});
