/** `npm run review`: every text read on its own, with the file and line an editor opens. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatReview, readAloneTexts } from '../scripts/review';
import { explainerFolders } from '../src/lib/content/files';
import { contentDir } from './content';

const work = mkdtempSync(path.join(tmpdir(), 'review-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
  writeFileSync(path.join(work, file), text);
}

write('story/explainer.yaml', 'title: T\ndek: The dek.\nkeyPoints:\n  - First point.\n  - Second point.\n');
write(
  'story/sections/01-a.mdx',
  '---\ntitle: A\nslug: a\norder: 1\nsummary: The summary of A.\n---\n\nText.\n\nTable: Caption\n\n| Party | View |\n| --- | --- |\n| One | According to the report, yes |\n',
);
// Editor files are not content and are not listed.
write('story/sections/.#01-a.mdx', '---\nsummary: An editor lock file.\n---\n');
write(
  'story/timeline.yaml',
  'events:\n  - date: "2021"\n    title: Event title\n    text: Event text.\n    section: a\n    source: article\n',
);
write(
  'story/glossary.yaml',
  'terms:\n  - id: t\n    term: T\n    definition: What T is.\n    sources: [article, joint]\n',
);

describe('the review list', () => {
  const items = readAloneTexts(explainerFolders(work).folders.find((f) => f.id === 'story')!);
  const find = (kind: string) => items.find((item) => item.kind.startsWith(kind));

  it('lists each read-alone text with its file and line', () => {
    expect(find('Dek')).toMatchObject({ file: 'story/explainer.yaml', line: 2, text: 'The dek.' });
    expect(items.filter((item) => item.kind === 'Key point').map((item) => item.line)).toEqual([4, 5]);
    expect(find('Section summary')).toMatchObject({ file: 'story/sections/01-a.mdx', line: 5 });
    expect(find('Table cell')).toMatchObject({
      kind: 'Table cell (One / View)',
      line: 14,
      text: 'According to the report, yes',
    });
    expect(find('Timeline event 1: text')).toMatchObject({ line: 4, sources: ['article'] });
    expect(find('Glossary 1: definition')).toMatchObject({ line: 4, sources: ['article', 'joint'] });
  });

  it('leaves out editor files, and what a folder does not have', () => {
    expect(items.some((item) => item.text.includes('lock file'))).toBe(false);
    expect(find('Chart')).toBeUndefined();
    expect(find("Who's who")).toBeUndefined();
  });

  it('covers every summary and timeline line of the real explainers', () => {
    const report = formatReview(contentDir);
    for (const explainer of readdirSync(contentDir)) {
      const dir = path.join(contentDir, explainer);
      for (const file of readdirSync(path.join(dir, 'sections'))) {
        const lines = readFileSync(path.join(dir, 'sections', file), 'utf8').split('\n');
        const line = lines.findIndex((l) => l.startsWith('summary:')) + 1;
        expect(report).toContain(`${explainer}/sections/${file}:${line}  Section summary`);
      }
      const timeline = readFileSync(path.join(dir, 'timeline.yaml'), 'utf8').split('\n');
      timeline.forEach((line, index) => {
        if (/^\s+(title|text): /.test(line))
          expect(report).toMatch(new RegExp(`timeline\\.yaml:${index + 1}  `));
      });
    }
  });

  it('prints no terminal escapes or other control characters from the content', () => {
    const draft = path.join(work, 'draft');
    mkdirSync(draft);
    writeFileSync(
      path.join(draft, 'explainer.yaml'),
      'title: T\ndek: "Clears \\e[2J\\e[H the screen, \\a rings, \\u202Ereorders"\nkeyPoints:\n  - "A\\nB"\n',
    );
    const report = formatReview(work);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(report).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(report).toContain('    Clears <U+001B>[2J<U+001B>[H the screen, <U+0007> rings, <U+202E>reorders');
    expect(report).toContain('    A<U+000A>B');
  });
});
