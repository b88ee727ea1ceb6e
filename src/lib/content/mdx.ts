/**
 * A section's text is Markdown plus a few registered components, never code. This module parses
 * a section's body the way MDX does and reports, with the line and column, everything that would
 * run or hide code (import/export, {expressions}, unknown elements), every link or image address
 * that is not a web or site address, and the facts the cross-file checks need (which components
 * and ids the text uses, where its links point, which footnotes it cites).
 */
import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { displayPath } from './files.ts';
import { CONTROL } from './schemas.ts';

/** The components a section may use, with the attributes each takes. */
export const COMPONENTS: Record<string, string[]> = {
  Person: ['id'],
  Term: ['id'],
  ShareChart: ['id'],
  LocatorMap: [],
};

/** How to write a character that MDX would otherwise read as code. */
export const ESCAPES = 'write \\{ for a literal {, \\} for }, and \\< for < (or &lt;)';

export interface Located {
  line: number;
  column: number;
}

export interface SectionText {
  /** Problems that stop the build, each "line:column: message". */
  problems: (Located & { message: string })[];
  /** Things worth fixing that do not stop the build. */
  warnings: (Located & { message: string })[];
  /** The registered components used, in order. */
  components: (Located & { name: string; id?: string })[];
  /** Links and images that point into the site ("#slug", "/story/#slug", "/images/x.png"). */
  siteLinks: (Located & { url: string; image: boolean })[];
  /** Web addresses linked from footnote definitions. */
  footnoteUrls: (Located & { url: string })[];
  /** The Markdown tree, for the text a reader sees (tests, review). */
  tree?: Root;
}

type Node = RootContent & {
  children?: Node[];
  name?: string | null;
  value?: string;
  url?: string;
  alt?: string | null;
  identifier?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  data?: { estree?: { body: { type: string; expression?: { type: string } }[] } };
};

const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

/** A {…} that is only a string or a number ("{'{'}"), or only a comment: plain text, not code. */
function isLiteral(node: { data?: Node['data'] }): boolean {
  const body = node.data?.estree?.body ?? [];
  return body.every((statement) => statement.type === 'ExpressionStatement' && statement.expression?.type === 'Literal');
}

/** A sentence ends at . ! or ? (after any closing quote or bracket) followed by a space or the end. */
const SENTENCE_END = /[.!?]["”’)\]]*(?=\s|$)/g;

/** The same footnote marked twice in one sentence of a paragraph or table cell. */
export function repeatedFootnoteMarks(block: { children?: unknown[] }): Node[] {
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
  for (const child of (block.children ?? []) as Node[]) visit(child);
  return repeated;
}

/** What a link or image address is: a web address, a place on this site, or neither. */
export function addressKind(url: string): 'web' | 'site' | 'other' {
  if (/^https?:\/\/[^\s/]+/i.test(url)) return 'web';
  if (url.startsWith('#') || (url.startsWith('/') && !url.startsWith('//'))) return 'site';
  return 'other';
}


/**
 * Reads a section's body (the text after the frontmatter). `firstLine` is the file line the body
 * starts on, so every position names a line of the file itself. `parsed` is the body's tree when
 * the caller has it already: the MDX compiler's own, in remarkSectionRules.
 */
export function readSectionText(body: string, firstLine: number, parsed?: Root): SectionText {
  const result: SectionText = { problems: [], warnings: [], components: [], siteLinks: [], footnoteUrls: [] };
  const at = (node: { position?: { start: { line: number; column: number } } }): Located => ({
    line: (node.position?.start.line ?? 1) + firstLine - 1,
    column: node.position?.start.column ?? 1,
  });
  const problem = (node: Parameters<typeof at>[0], message: string) => result.problems.push({ ...at(node), message });

  body.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(CONTROL)) {
      result.problems.push({
        line: firstLine + index,
        column: match.index + 1,
        message: `a control character (U+${match[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}, invisible) is in the text; delete it and retype the words around it`,
      });
    }
  });

  let tree: Root;
  try {
    tree = parsed ?? processor.parse(body);
  } catch (error) {
    const { line = 1, column = 1, reason = String(error) } = error as { line?: number; column?: number; reason?: string };
    result.problems.push({
      line: line + firstLine - 1,
      column,
      message: `MDX cannot read this: ${reason}. In a section { starts code and < starts a component; for the character itself ${ESCAPES}`,
    });
    return result;
  }
  result.tree = tree;

  const visit = (node: Node, parentIsFootnote: boolean) => {
    switch (node.type) {
      case 'mdxjsEsm':
        problem(node, 'import and export are not allowed in a section: sections are text, not code. Use the components that need no import: <Person>, <Term>, <ShareChart>, <LocatorMap />');
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (!isLiteral(node)) {
          problem(node, `{${node.value ?? ''}} would run as code. For braces in the text write \\{ and \\}`);
        }
        return;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const allowed = node.name ? COMPONENTS[node.name] : undefined;
        if (!allowed) {
          problem(
            node,
            `<${node.name ?? ''}> is not a component sections can use; use ${Object.keys(COMPONENTS)
              .map((n) => `<${n}>`)
              .join(', ')} or Markdown. For the character < itself write \\< (or &lt;)`,
          );
          return;
        }
        let id: string | undefined;
        for (const attribute of node.attributes ?? []) {
          if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) {
            problem(node, `<${node.name}> takes only plain attributes (${allowed.map((a) => `${a}="…"`).join(' ') || 'none'}), no {…}`);
          } else if (!allowed.includes(attribute.name)) {
            problem(node, `<${node.name}> has no attribute "${attribute.name}"; it takes ${allowed.map((a) => `${a}="…"`).join(' ') || 'none'}`);
          } else if (typeof attribute.value !== 'string') {
            problem(node, `<${node.name} ${attribute.name}> needs a plain value in quotes: ${attribute.name}="…"`);
          } else if (attribute.name === 'id') id = attribute.value;
        }
        result.components.push({ ...at(node), name: node.name!, ...(id !== undefined && { id }) });
        break;
      }
      case 'heading':
        problem(node, 'a heading inside a section: the section title is its heading; start a new section instead');
        break;
      case 'html':
        problem(node, 'raw HTML is not allowed in a section; use Markdown');
        return;
      case 'link':
      case 'image':
      case 'definition': {
        const url = node.url ?? '';
        const kind = addressKind(url);
        if (kind === 'other') {
          problem(node, `the address "${url}" is neither a web address (https://…) nor a page of this site (/…, #…)`);
        } else if (kind === 'site') {
          result.siteLinks.push({ ...at(node), url, image: node.type === 'image' });
        } else if (parentIsFootnote) {
          result.footnoteUrls.push({ ...at(node), url });
        }
        if (node.type === 'image' && !node.alt?.trim()) {
          problem(node, `the image ${url} has no alt text: write ![what the image shows](${url})`);
        }
        break;
      }
      case 'text': {
        const mark = /\[\^[^\]\s]+\]/.exec(node.value ?? '');
        if (mark) {
          const before = (node.value ?? '').slice(0, mark.index);
          const { line, column } = at(node);
          result.problems.push({
            line: line + (before.match(/\n/g)?.length ?? 0),
            column: before.includes('\n') ? before.length - before.lastIndexOf('\n') : column + mark.index,
            message: `footnote ${mark[0]} has no definition: add a line "${mark[0]}: outlet, date, link" at the end of the file`,
          });
        }
        break;
      }
      case 'paragraph':
      case 'tableCell':
        for (const mark of repeatedFootnoteMarks(node)) {
          result.warnings.push({
            ...at(mark),
            message: `this sentence already has a mark to footnote [^${mark.identifier}]; one mark per note and sentence is enough`,
          });
        }
        break;
    }
    for (const child of node.children ?? []) visit(child, parentIsFootnote || node.type === 'footnoteDefinition');
  };
  for (const child of tree.children as Node[]) visit(child, false);
  checkTableCaptions(tree.children as Node[], problem);
  for (const message of tables(tree.children as Node[])) result.warnings.push(message);
  return result;

  /** Tables a phone shows badly: still publishable, but worth an editor's second look. */
  function tables(blocks: Node[]): (Located & { message: string })[] {
    return blocks.flatMap((node) => {
      if (node.type !== 'table') return [];
      const rows = node.children ?? [];
      const columns = Math.max(...rows.map((row) => row.children?.length ?? 0));
      const longest = Math.max(...rows.flatMap((row) => (row.children ?? []).map((cell) => plainText(cell as Node).length)));
      const why = [
        columns > TABLE_COLUMNS_MAX && `${columns} columns (a phone shows about two at a time)`,
        longest > TABLE_CELL_MAX && `a cell of ${longest} characters`,
      ].filter(Boolean);
      if (why.length === 0) return [];
      return [
        {
          ...at(node),
          message: `this table is likely unreadable on a phone: ${why.join(' and ')}. Keep it to ${TABLE_COLUMNS_MAX} columns and cells of at most ${TABLE_CELL_MAX} characters, or say it in sentences`,
        },
      ];
    });
  }
}

/** Past these a table is hard to read on a 390-pixel screen (the build warns). */
export const TABLE_COLUMNS_MAX = 4;
export const TABLE_CELL_MAX = 200;

/** The text of a Markdown node, as a reader sees it. */
const plainText = (node: Node): string => node.value ?? (node.children ?? []).map(plainText).join('');

const CAPTION = 'Table: ';

/** A GitHub table needs a "Table: what it shows" line right above it, which becomes its caption. */
function checkTableCaptions(blocks: Node[], problem: (node: Node, message: string) => void) {
  blocks.forEach((node, index) => {
    if (node.type !== 'table') return;
    const before = blocks[index - 1];
    const first = before?.type === 'paragraph' ? before.children?.[0] : undefined;
    if (!(first?.type === 'text' && first.value?.startsWith(CAPTION))) {
      problem(node, `a table needs a caption: put a line "${CAPTION}what the table shows" just above it`);
    }
  });
}

/**
 * The section rules, run inside Astro's MDX compiler on the very tree it compiles (a remark
 * plugin in astro.config.mjs). The content reader checks the same body first, split from its
 * frontmatter by Astro's own function, and gives messages with context; this is the guarantee
 * that no text reaches the compiler unchecked, whatever reading of a file the reader made: a
 * problem here stops the build, naming the file, line and column. Astro hands the compiler the
 * file with its frontmatter blanked to spaces, so lines here are the file's own.
 */
export function remarkSectionRules() {
  return (tree: Root, file: { path?: string; value: unknown }) => {
    const { problems } = readSectionText(String(file.value), 1, tree);
    if (problems.length === 0) return;
    const name = file.path ? displayPath(file.path) : 'a section';
    throw new Error(
      `Content problems stop the build:\n${problems.map((p) => `  - ${name}:${p.line}:${p.column}: ${p.message}`).join('\n')}`,
    );
  };
}
