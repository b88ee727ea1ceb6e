import type { Root } from 'mdast';
import path from 'node:path';
import type { Position } from 'unist';
import type { VFile } from 'vfile';

/**
 * Mistakes in a section's text that Markdown would otherwise print silently: a footnote mark
 * with no definition (it shows as a literal "[^2]") and an image without alt text. Each stops
 * the build with the file, line and a fix. A sentence that carries two marks to one note is
 * only a warning: it reads badly but says nothing wrong.
 */

interface Node {
  type: string;
  value?: string;
  identifier?: string;
  alt?: string | null;
  url?: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
  position?: Position;
}

const UNDEFINED_FOOTNOTE = /\[\^[^\]\s]+\]/;

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** A sentence ends at . ! or ? (after any closing quote or bracket) followed by a space or the end. */
const SENTENCE_END = /[.!?]["”’)\]]*(?=\s|$)/g;

/** The same footnote marked twice in one sentence of a paragraph or table cell. */
export function repeatedFootnoteMarks(block: Node): Node[] {
  const repeated: Node[] = [];
  let seen = new Set<string>();
  // A sentence that ended at the end of a text keeps the marks right after its full stop.
  let ended = false;
  const visit = (node: Node) => {
    if (node.type === 'footnoteReference') {
      if (seen.has(node.identifier ?? '')) repeated.push(node);
      seen.add(node.identifier ?? '');
      return;
    }
    if (node.type === 'text') {
      const text = node.value ?? '';
      if (ended && /\S/.test(text)) seen = new Set();
      let endsAtEnd = false;
      for (const end of text.matchAll(SENTENCE_END)) {
        // Words after the full stop: a new sentence starts inside this text.
        if (/\S/.test(text.slice(end.index + end[0].length))) seen = new Set();
        else endsAtEnd = true;
      }
      ended = endsAtEnd || (ended && !/\S/.test(text));
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  for (const child of block.children ?? []) visit(child);
  return repeated;
}

export function remarkContentChecks() {
  return (tree: Root, file: VFile) => {
    const stop = (reason: string, node: Node) => file.fail(reason, { place: node.position });
    walk(tree as unknown as Node, (node) => {
      if (node.type === 'paragraph' || node.type === 'tableCell') {
        for (const mark of repeatedFootnoteMarks(node)) {
          const { line, column } = mark.position?.start ?? { line: 0, column: 0 };
          console.warn(
            `${path.relative(process.cwd(), file.path)}:${line}:${column}: warning: this sentence already has a mark to footnote [^${mark.identifier}]; one mark per note and sentence is enough`,
          );
        }
      }
      const mark = node.type === 'text' ? UNDEFINED_FOOTNOTE.exec(node.value ?? '')?.[0] : undefined;
      if (mark) {
        stop(
          `footnote ${mark} has no definition: add a line "${mark}: outlet, date, link" at the end of the file`,
          node,
        );
      }
      if (node.type === 'image' && !node.alt?.trim()) {
        stop(`image ${node.url} has no alt text: write ![what the image shows](${node.url})`, node);
      }
      const isJsxImage =
        (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'img';
      const alt = node.attributes?.find((a) => a.name === 'alt')?.value;
      if (isJsxImage && (typeof alt !== 'string' || !alt.trim())) {
        stop('<img> has no alt text: add alt="what the image shows"', node);
      }
    });
  };
}
