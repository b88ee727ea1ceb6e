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
import { MAX_NESTING } from './limits.ts';
import { forbiddenCharacters, hasUserinfo, USERINFO_PROBLEM } from './schemas.ts';

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
  /**
   * Each footnote and its evidence: the passage of the source quoted under it, as a "> " block
   * (Wikipedia's quote=), which readers see with the note. Undefined where there is none.
   */
  footnotes: (Located & { id: string; evidence?: string })[];
  /** Each sentence that cites a footnote, with the footnote's id, for a copy editor's check. */
  citations: (Located & { id: string; sentence: string })[];
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

/** The words of a node as a reader sees them, footnote marks left out. */
function plainText(node: Node): string {
  if (node.type === 'footnoteReference') return '';
  if (node.value !== undefined && (node.type === 'text' || node.type === 'inlineCode')) return node.value;
  return (node.children ?? []).map(plainText).join(node.type === 'blockquote' ? ' ' : '');
}

/** The sentence each footnote mark of a paragraph or table cell ends, with the footnote's id. */
function citedSentences(block: Node): { id: string; sentence: string }[] {
  // A private-use character stands for each mark while the text is split into sentences.
  const MARK = '\uE000';
  const flat = (node: Node): string =>
    node.type === 'footnoteReference'
      ? `${MARK}${node.identifier ?? ''}${MARK}`
      : node.type === 'text'
        ? (node.value ?? '')
        : (node.children ?? []).map(flat).join('');
  const text = flat(block);
  const cited: { id: string; sentence: string }[] = [];
  for (const mark of text.matchAll(/\uE000([^\uE000]*)\uE000/g)) {
    const before = text.slice(0, mark.index).replace(/\uE000[^\uE000]*\uE000/g, (m) => ' '.repeat(m.length));
    // The sentence starts after the last sentence end before it that is followed by more words.
    const ends = [...before.matchAll(SENTENCE_END)].filter((end) => /\S/.test(before.slice(end.index + end[0].length)));
    const start = ends.length > 0 ? ends.at(-1)!.index + ends.at(-1)![0].length : 0;
    cited.push({ id: mark[1]!, sentence: before.slice(start).replace(/\s+/g, ' ').trim() });
  }
  return cited;
}

/** What a link or image address is: a web address, a place on this site, or neither. */
export function addressKind(url: string): 'web' | 'site' | 'other' {
  if (/^https?:\/\/[^\s/]+/i.test(url)) return 'web';
  if (url.startsWith('#') || (url.startsWith('/') && !url.startsWith('//'))) return 'site';
  return 'other';
}


const NESTING_PROBLEM = `more than ${MAX_NESTING} levels deep; no story needs that many: write it flatter`;

/**
 * Where a section nests deeper than MAX_NESTING, measured on the text before it is parsed, since
 * the parser itself slows down badly (minutes) or overflows its stack on deep nesting. A line's
 * quotes and lists: each ">" or list marker at its start and each two columns of indentation
 * count a level. Emphasis, strikethrough and links within a paragraph: a run of "*", "_" or "~"
 * that opens (nothing but space before it) adds a level per two characters, one that closes takes
 * them off, and "[" and "]" the same. Both count a little more than the parser does, never less.
 */
export function nestingProblems(body: string, firstLine: number): (Located & { message: string })[] {
  const problems: (Located & { message: string })[] = [];
  let open: number[] = [];
  let depth = 0;
  let reported = false;
  body.split('\n').forEach((line, index) => {
    const prefix = /^(?:[ \t]|>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))*/.exec(line)![0];
    const markers = prefix.replace(/\d{1,9}[.)]/g, '1').replace(/[ \t]/g, '').length;
    const indent = prefix.replace(/\t/g, '    ').replace(/[^ ]/g, '').length;
    // A blank line nests nothing, however many spaces it holds (the MDX compiler sees the
    // frontmatter blanked to spaces).
    if (/\S/.test(line) && markers + Math.floor(indent / 2) > MAX_NESTING && !problems.length) {
      problems.push({ line: firstLine + index, column: 1, message: `quotes or lists nest here ${NESTING_PROBLEM}` });
    }
    if (!/\S/.test(line)) [open, depth, reported] = [[], 0, false];
    for (const match of line.slice(prefix.length).matchAll(/\\.|[*_~]+|\[|\]/g)) {
      const token = match[0];
      if (token.startsWith('\\')) continue;
      const before = line[prefix.length + match.index - 1] ?? ' ';
      const after = line[prefix.length + match.index + token.length] ?? ' ';
      const opens = token === '[' || (/\s/.test(before) && !/\s/.test(after));
      const closes = token === ']' || (!/\s/.test(before) && /\s/.test(after));
      if (opens) {
        open.push(token === '[' ? 1 : Math.ceil(token.length / 2));
        depth += open.at(-1)!;
      } else if (closes && open.length > 0) depth -= open.pop()!;
      if (depth > MAX_NESTING && !reported) {
        reported = true;
        problems.push({
          line: firstLine + index,
          column: prefix.length + match.index + 1,
          message: `emphasis or links nest here ${NESTING_PROBLEM}`,
        });
      }
    }
  });
  return problems;
}

/** Nodes that nest as elements in the page (and in the compiled module the bundler parses). */
const NESTING = new Set(['blockquote', 'list', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'footnoteDefinition', 'mdxJsxFlowElement', 'mdxJsxTextElement']);

/**
 * Reads a section's body (the text after the frontmatter). `firstLine` is the file line the body
 * starts on, so every position names a line of the file itself. `parsed` is the body's tree when
 * the caller has it already: the MDX compiler's own, in remarkSectionRules.
 */
export function readSectionText(body: string, firstLine: number, parsed?: Root): SectionText {
  const result: SectionText = {
    problems: [],
    warnings: [],
    components: [],
    siteLinks: [],
    footnoteUrls: [],
    footnotes: [],
    citations: [],
  };
  const at = (node: { position?: { start: { line: number; column: number } } }): Located => ({
    line: (node.position?.start.line ?? 1) + firstLine - 1,
    column: node.position?.start.column ?? 1,
  });
  const problem = (node: Parameters<typeof at>[0], message: string) => result.problems.push({ ...at(node), message });

  body.split('\n').forEach((line, index) => {
    // A line's own CR LF end is not a character of the text.
    for (const found of forbiddenCharacters(line.endsWith('\r') ? line.slice(0, -1) : line)) {
      result.problems.push({
        line: firstLine + index,
        column: found.index + 1,
        message: `${found.what.replace(/ \(/, ` (${found.code}, `)} is in the text; delete it and retype the words around it`,
      });
    }
  });

  // Too deep to parse safely: stop before the parser.
  const nesting = nestingProblems(body, firstLine);
  if (nesting.length > 0) {
    result.problems.push(...nesting);
    return result;
  }

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

  // Images by reference ("![a][b]" with "[b]: https://…") are checked against their definitions.
  const webImageDefinitions = new Map(
    (tree.children as Node[])
      .filter((node) => node.type === 'definition' && addressKind(node.url ?? '') === 'web')
      .map((node) => [node.identifier ?? '', node.url!]),
  );
  const visit = (node: Node, parentIsFootnote: boolean, depth = 0) => {
    // The same limit on the parsed tree: what the compiler gets never nests deeper.
    if (NESTING.has(node.type) && ++depth > MAX_NESTING) {
      problem(node, `this nests ${NESTING_PROBLEM}`);
      return;
    }
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
        // Own keys only: "constructor" or "toString" must not find Object.prototype's.
        const allowed = node.name && Object.hasOwn(COMPONENTS, node.name) ? COMPONENTS[node.name] : undefined;
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
        } else if (kind === 'web' && hasUserinfo(url)) {
          problem(node, `the address "${url}" ${USERINFO_PROBLEM}`);
        } else if (kind === 'web' && node.type === 'image') {
          problem(node, `the image "${url}" is on another site; images live in public/images: write ![what it shows](/images/<file>)`);
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
      case 'imageReference': {
        const url = webImageDefinitions.get(node.identifier ?? '');
        if (url) problem(node, `the image "${url}" is on another site; images live in public/images: write ![what it shows](/images/<file>)`);
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
      case 'footnoteDefinition': {
        const quote = node.children?.find((child) => child.type === 'blockquote');
        result.footnotes.push({
          ...at(node),
          id: node.identifier ?? '',
          ...(quote && { evidence: plainText(quote as Node).replace(/\s+/g, ' ').trim() }),
        });
        break;
      }
      case 'paragraph':
      case 'tableCell':
        if (!parentIsFootnote) result.citations.push(...citedSentences(node).map((c) => ({ ...at(node), ...c })));
        for (const mark of repeatedFootnoteMarks(node)) {
          result.warnings.push({
            ...at(mark),
            message: `this sentence already has a mark to footnote [^${mark.identifier}]; one mark per note and sentence is enough`,
          });
        }
        break;
    }
    for (const child of node.children ?? []) visit(child, parentIsFootnote || node.type === 'footnoteDefinition', depth);
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
