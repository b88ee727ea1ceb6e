import { describe, expect, it } from 'vitest';
import { addressKind, readSectionText, repeatedFootnoteMarks } from '../src/lib/content/mdx';

type Node = Parameters<typeof repeatedFootnoteMarks>[0] & { type: string };
const text = (value: string) => ({ type: 'text', value });
const mark = (identifier: string) => ({ type: 'footnoteReference', identifier });
const paragraph = (...children: object[]): Node => ({ type: 'paragraph', children });
const marked = (block: Node) => repeatedFootnoteMarks(block).map((node) => node.identifier);

describe('repeatedFootnoteMarks', () => {
  it('finds a second mark to the same note within one sentence', () => {
    expect(marked(paragraph(text('They said "this"'), mark('2'), text(' and "that".'), mark('2')))).toEqual([
      '2',
    ]);
    expect(marked(paragraph(text('Two sources back this.'), mark('3'), mark('3')))).toEqual(['3']);
  });

  it('counts the marks right after a full stop with the sentence they close', () => {
    expect(marked(paragraph(text('One.'), mark('1'), text(' Two.'), mark('1')))).toEqual([]);
    expect(marked(paragraph(text('One "quoted".'), mark('1'), text(' Two'), mark('1'), text('.')))).toEqual(
      [],
    );
  });

  it('starts a new sentence inside a text, and looks into links and emphasis', () => {
    expect(marked(paragraph(text('One'), mark('1'), text('. Two'), mark('1'), text('.')))).toEqual([]);
    expect(
      marked(
        paragraph({ type: 'emphasis', children: [text('One'), mark('1')] }, text(' and two'), mark('1')),
      ),
    ).toEqual(['1']);
  });

  it('lets different notes share a sentence', () => {
    expect(marked(paragraph(text('One'), mark('1'), text(' and two.'), mark('2')))).toEqual([]);
  });
});

describe('readSectionText', () => {
  it('warns, with the line, about a sentence citing one note twice', () => {
    const { warnings, problems } = readSectionText('It said "a"[^1] and "b".[^1]\n\n[^1]: Note.\n', 7);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      expect.objectContaining({ line: 7, message: expect.stringContaining('[^1]') }),
    ]);
  });

  it('warns, with the line, about a table likely unreadable on a phone: many columns or long cells', () => {
    const table = (header: string[], cell: string) =>
      `Table: Figures\n\n| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |\n| ${header.map(() => cell).join(' | ')} |\n`;
    expect(readSectionText(table(['Country', 'People'], '12'), 3).warnings).toEqual([]);
    expect(readSectionText(table(['A', 'B', 'C', 'D', 'E'], '1'), 3).warnings).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringContaining('5 columns') }),
    ]);
    expect(readSectionText(table(['A', 'B'], 'word '.repeat(50)), 3).warnings).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringContaining('a cell of 249 characters') }),
    ]);
  });

  it('collects component uses, site links and footnote addresses with their positions', () => {
    const body =
      'A <Term id="t">term</Term> and [a part](#b).[^1]\n\n[^1]: Outlet. [x](https://example.org/a)\n';
    const text = readSectionText(body, 10);
    expect(text.components).toEqual([{ line: 10, column: 3, name: 'Term', id: 't' }]);
    expect(text.siteLinks).toEqual([{ line: 10, column: 32, url: '#b', image: false }]);
    expect(text.footnoteUrls).toEqual([{ line: 12, column: 15, url: 'https://example.org/a' }]);
  });

  it('reads escaped braces and angle brackets as text, and literal {"…"} as text too', () => {
    expect(readSectionText('\\{a\\} and 1 \\< 2 and {"{"}.', 1).problems).toEqual([]);
  });
});

describe('addressKind', () => {
  it('tells web addresses, site addresses and anything else apart', () => {
    expect(['https://a.org/x', 'http://a.org', '#s', '/story/#s', '/images/a.png'].map(addressKind)).toEqual([
      'web',
      'web',
      'site',
      'site',
      'site',
    ]);
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '//evil.example/',
      'mailto:a@b.c',
      'story/',
    ]) {
      expect(addressKind(url), url).toBe('other');
    }
  });
});

describe('footnote evidence', () => {
  const body = [
    'A first claim.[^1] A second "quoted" claim, said twice.[^2]',
    '',
    'Table: Who said what',
    '| Who | What |',
    '| --- | --- |',
    '| A | A cell claim.[^1] |',
    '',
    '[^1]: The outlet, 2021. [example.org](https://example.org/)',
    '',
    '    > The passage of the source,',
    '    > word for word.',
    '',
    '[^2]: Another outlet, 2021.',
    '',
  ].join('\n');
  const text = readSectionText(body, 5);

  it('reads the passage quoted under a footnote as its evidence, and notes those without', () => {
    expect(text.footnotes).toEqual([
      { id: '1', line: 12, column: 1, evidence: 'The passage of the source, word for word.' },
      { id: '2', line: 17, column: 1 },
    ]);
    expect(text.problems).toEqual([]);
  });

  it('gives each cited sentence with its footnote, in paragraphs and table cells', () => {
    expect(text.citations.map(({ id, sentence }) => [id, sentence])).toEqual([
      ['1', 'A first claim.'],
      ['2', 'A second "quoted" claim, said twice.'],
      ['1', 'A cell claim.'],
    ]);
  });
});
