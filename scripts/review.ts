/**
 * `npm run review`: every short text a reader may meet on its own, away from the sentences
 * around it (the dek, key points, section summaries, table cells, timeline lines, who's who and
 * glossary text, chart and map wording), listed in one place with its file and line. A summary
 * becomes a share card and a timeline line sits in the sidebar: a claim that is one source's own
 * account must say so in the text itself, and this list is where an editor checks that.
 *
 *   npm run review [-- content-dir]      content-dir defaults to content/explainers
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface ReadAlone {
  /** Path relative to the content folder, "story/timeline.yaml". */
  file: string;
  line: number;
  /** What kind of text it is: "Section summary", "Table cell"... */
  kind: string;
  text: string;
  /** The source ids the entry cites, where the file names them. */
  sources?: string[];
}

/** A YAML file's scalars, reached by a path, with their line numbers. */
function yamlReader(file: string, source: string, lineOffset = 0) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const lineOf = (node: Node) => lineCounter.linePos(node.range?.[0] ?? 0).line + lineOffset;
  const at = (...keys: (string | number)[]) => doc.getIn(keys, true) as Node | undefined;
  return {
    /** The text at `keys` as one item, or nothing when the field is absent. */
    item(kind: string, keys: (string | number)[], sources?: string[]): ReadAlone[] {
      const node = at(...keys);
      return isScalar(node) && node.value !== null && node.value !== undefined
        ? [{ file, line: lineOf(node), kind, text: String(node.value), ...(sources && { sources }) }]
        : [];
    },
    /** How many entries the list at `keys` has. */
    count(...keys: (string | number)[]): number {
      const node = at(...keys);
      return isSeq(node) ? node.items.length : 0;
    },
    /** The plain string at `keys`, if there is one. */
    value(...keys: (string | number)[]): string | undefined {
      const node = at(...keys);
      return isScalar(node) && node.value != null ? String(node.value) : undefined;
    },
    /** A list of plain strings at `keys` ("sources: [a, b]"). */
    strings(...keys: (string | number)[]): string[] {
      const node = at(...keys);
      return isSeq(node) ? node.items.map((n) => String(isScalar(n) ? n.value : '')) : [];
    },
  };
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
const exists = (dir: string, file: string) => {
  try {
    readFileSync(path.join(dir, file));
    return true;
  } catch {
    return false;
  }
};
/** Content files as the build sees them: hidden and editor files are not content. */
const visible = (names: string[]) => names.filter((name) => !name.startsWith('.') && !name.startsWith('#'));

/** The cells of the GitHub tables in a section's text, each with its row and column names. */
function tableCells(file: string, body: string, firstLine: number): ReadAlone[] {
  const cells: ReadAlone[] = [];
  const lines = body.split('\n');
  let header: string[] | undefined;
  lines.forEach((line, index) => {
    if (!line.trimStart().startsWith('|')) {
      header = undefined;
      return;
    }
    const row = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim());
    if (!header) {
      header = row;
      return;
    }
    if (row.every((cell) => /^:?-+:?$/.test(cell))) return;
    row.slice(1).forEach((text, column) => {
      cells.push({
        file,
        line: firstLine + index,
        kind: `Table cell (${row[0]} / ${header![column + 1] ?? '?'})`,
        text,
      });
    });
  });
  return cells;
}

/** Every read-alone text of one explainer folder, in the order a reader meets them. */
export function readAloneTexts(contentDir: string, explainer: string): ReadAlone[] {
  const dir = path.join(contentDir, explainer);
  const rel = (file: string) => path.posix.join(explainer, file);
  const items: ReadAlone[] = [];

  const main = yamlReader(rel('explainer.yaml'), read(dir, 'explainer.yaml'));
  items.push(...main.item('Dek', ['dek']));
  for (let i = 0; i < main.count('keyPoints'); i++) items.push(...main.item('Key point', ['keyPoints', i]));

  const sectionsDir = path.join(dir, 'sections');
  for (const name of visible(readdirSync(sectionsDir))
    .filter((n) => n.endsWith('.mdx'))
    .sort()) {
    const file = rel(`sections/${name}`);
    const source = read(sectionsDir, name);
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
    if (!match) continue;
    // Frontmatter starts on line 2; the body on the line after the closing ---.
    items.push(...yamlReader(file, match[1]!, 1).item('Section summary', ['summary']));
    const bodyLine = match[0].split('\n').length;
    items.push(...tableCells(file, source.slice(match[0].length), bodyLine));
  }

  if (exists(dir, 'timeline.yaml')) {
    const timeline = yamlReader(rel('timeline.yaml'), read(dir, 'timeline.yaml'));
    for (let i = 0; i < timeline.count('events'); i++) {
      const source = timeline.value('events', i, 'source');
      const sources = source ? [source] : undefined;
      items.push(...timeline.item(`Timeline event ${i + 1}: title`, ['events', i, 'title'], sources));
      items.push(...timeline.item(`Timeline event ${i + 1}: text`, ['events', i, 'text'], sources));
    }
  }
  if (exists(dir, 'whos-who.yaml')) {
    const people = yamlReader(rel('whos-who.yaml'), read(dir, 'whos-who.yaml'));
    for (let i = 0; i < people.count('people'); i++) {
      const sources = people.strings('people', i, 'sources');
      items.push(...people.item(`Who's who ${i + 1}: role`, ['people', i, 'role'], sources));
      items.push(...people.item(`Who's who ${i + 1}: about`, ['people', i, 'about'], sources));
    }
  }
  if (exists(dir, 'glossary.yaml')) {
    const glossary = yamlReader(rel('glossary.yaml'), read(dir, 'glossary.yaml'));
    for (let i = 0; i < glossary.count('terms'); i++) {
      const sources = glossary.strings('terms', i, 'sources');
      items.push(...glossary.item(`Glossary ${i + 1}: definition`, ['terms', i, 'definition'], sources));
    }
  }
  if (exists(dir, 'charts')) {
    for (const name of visible(readdirSync(path.join(dir, 'charts')))
      .filter((n) => n.endsWith('.yaml'))
      .sort()) {
      const chart = yamlReader(rel(`charts/${name}`), read(dir, `charts/${name}`));
      const source = chart.value('source');
      const sources = source ? [source] : undefined;
      items.push(
        ...chart.item('Chart title', ['title'], sources),
        ...chart.item('Chart caption', ['caption'], sources),
      );
      for (let i = 0; i < chart.count('parts'); i++) {
        items.push(...chart.item(`Chart part ${i + 1}: label`, ['parts', i, 'label'], sources));
      }
      items.push(...chart.item('Chart rest: label', ['rest'], sources));
    }
  }
  if (exists(dir, 'map.yaml')) {
    const map = yamlReader(rel('map.yaml'), read(dir, 'map.yaml'));
    items.push(...map.item('Map title', ['title']), ...map.item('Map description', ['description']));
  }
  return items;
}

/** The report as plain text: one block per explainer, one line per text. */
export function formatReview(contentDir: string): string {
  const explainers = visible(
    readdirSync(contentDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name),
  ).sort();
  const out: string[] = [
    'Texts read on their own (share cards, the sidebar, table cells, cards and definitions).',
    "Each must stand alone: a claim that is one source's own account says so in the text.",
    '',
  ];
  for (const explainer of explainers) {
    out.push(`# ${explainer}`, '');
    for (const item of readAloneTexts(contentDir, explainer)) {
      const cites = item.sources?.length ? ` [cites ${item.sources.join(', ')}]` : '';
      out.push(`${item.file}:${item.line}  ${item.kind}${cites}`, `    ${item.text}`);
    }
    out.push('');
  }
  return out.join('\n');
}

if (import.meta.main) {
  const contentDir = path.resolve(process.argv[2] ?? process.env.CONTENT_DIR ?? 'content/explainers');
  process.stdout.write(formatReview(contentDir));
}
