import type { Element, ElementContent, Root, RootContent } from 'hast';

/**
 * GFM tables have no caption syntax. A paragraph "Table: what it shows" right above a table
 * becomes its <caption>, and the table goes into a box that scrolls sideways on its own on a
 * narrow screen (a focusable, named region, so keyboards can scroll it too). A table without
 * such a line is refused by the content reader (src/lib/content/mdx.ts). The first column names the rows, so its cells become row headers.
 */
const PREFIX = 'Table: ';

/**
 * Row names up to this many characters stay in view while the figures scroll under them
 * (class "sticky-rows"). Longer ones, kept in view, would cover the figures on a phone: such
 * a table scrolls whole. Decided here, from the text, so the page needs no script for it.
 */
export const STICKY_ROW_NAME_MAX = 24;

const textOf = (node: ElementContent): string =>
  node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(textOf).join('') : '';

interface FileWithFrontmatter {
  data: { astro?: { frontmatter?: { slug?: unknown } } };
}

function captionParagraph(node: RootContent | undefined): Element | undefined {
  if (node?.type !== 'element' || node.tagName !== 'p') return undefined;
  const first = node.children[0];
  return first?.type === 'text' && first.value.startsWith(PREFIX) ? node : undefined;
}

/**
 * Column headers get scope="col"; each body row's first cell becomes its row header. Returns
 * the length of the longest row name.
 */
function markHeaders(table: Element): number {
  let longest = 0;
  for (const group of table.children) {
    if (group.type !== 'element') continue;
    for (const row of group.children) {
      if (row.type !== 'element' || row.tagName !== 'tr') continue;
      const cells = row.children.filter((cell): cell is Element => cell.type === 'element');
      if (group.tagName === 'thead') cells.forEach((cell) => (cell.properties.scope = 'col'));
      if (group.tagName === 'tbody' && cells[0]) {
        cells[0].tagName = 'th';
        cells[0].properties.scope = 'row';
        longest = Math.max(longest, textOf(cells[0]).trim().length);
      }
    }
  }
  return longest;
}

export function rehypeTableCaptions() {
  return (tree: Root, file: FileWithFrontmatter) => {
    const slug = String(file.data.astro?.frontmatter?.slug ?? 'table');
    let count = 0;
    const visit = (parent: Root | Element) => {
      for (let index = 0; index < parent.children.length; index++) {
        const node = parent.children[index]!;
        if (node.type !== 'element') continue;
        if (node.tagName !== 'table') {
          visit(node);
          continue;
        }
        // The previous element, skipping the newline text between blocks.
        let before = index - 1;
        while (before >= 0 && parent.children[before]!.type === 'text') before--;
        const paragraph = captionParagraph(parent.children[before]);
        // The content reader has already refused a table without its caption line.
        if (!paragraph) continue;
        const [first, ...rest] = paragraph.children as [{ type: 'text'; value: string }, ...ElementContent[]];
        const id = `${slug}-table-${++count}`;
        const caption: Element = {
          type: 'element',
          tagName: 'caption',
          properties: { id },
          children: [{ type: 'text', value: first.value.slice(PREFIX.length) }, ...rest],
        };
        node.children.unshift(caption);
        if (markHeaders(node) <= STICKY_ROW_NAME_MAX) node.properties.className = ['sticky-rows'];
        const box: Element = {
          type: 'element',
          tagName: 'div',
          properties: { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabelledBy: [id] },
          children: [node],
        };
        parent.children.splice(before, index - before + 1, box);
        index = before;
      }
    };
    visit(tree);
  };
}
