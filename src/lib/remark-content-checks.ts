import type { Root } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';

/**
 * Mistakes in a section's text that Markdown would otherwise print silently: a footnote mark
 * with no definition (it shows as a literal "[^2]") and an image without alt text. Each stops
 * the build with the file, line and a fix.
 */

interface Node {
  type: string;
  value?: string;
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

export function remarkContentChecks() {
  return (tree: Root, file: VFile) => {
    const stop = (reason: string, node: Node) => file.fail(reason, { place: node.position });
    walk(tree as unknown as Node, (node) => {
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
