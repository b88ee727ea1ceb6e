import { describe, expect, it } from 'vitest';
import { repeatedFootnoteMarks } from '../src/lib/remark-content-checks';

type Node = Parameters<typeof repeatedFootnoteMarks>[0];
const text = (value: string): Node => ({ type: 'text', value });
const mark = (identifier: string): Node => ({ type: 'footnoteReference', identifier });
const paragraph = (...children: Node[]): Node => ({ type: 'paragraph', children });
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
