/**
 * `npm run review`: every short text a reader may meet on its own, away from the sentences
 * around it (the dek, key points, section summaries, table cells, timeline lines, who's who and
 * glossary text, chart and map wording), listed in one place with its file and line. A summary
 * becomes a share card and a timeline line sits in the sidebar: a claim that is one source's own
 * account must say so in the text itself, and this list is where an editor checks that. Files
 * are found and read exactly as the build reads them (src/lib/content/).
 *
 *   npm run review [-- content-dir]      content-dir defaults to content/explainers
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { explainerFolders, type ExplainerFolder } from '../src/lib/content/files.ts';
import { readSectionText } from '../src/lib/content/mdx.ts';
import { splitFrontmatter } from '../src/lib/content/read.ts';
import { readYaml } from '../src/lib/content/yaml.ts';

export interface ReadAlone {
  /** Path relative to the content folder, "story/timeline.yaml". */
  file: string;
  line: number;
  /** What kind of text it is: "Section summary", "Table cell"... */
  kind: string;
  text: string;
  /** The source ids the entry cites, where the file names them. */
  sources?: string[];
  /** For a cited sentence: the passage its footnote quotes from the source. */
  evidence?: string;
}

type Path = (string | number)[];

/** A YAML file's values, reached by a path, with their line numbers. */
function yamlReader(file: string, source: string, firstLine = 1) {
  const yaml = readYaml(file, source, firstLine);
  const at = (keys: Path) =>
    keys.reduce<unknown>(
      (value, key) => (value as Record<string | number, unknown> | undefined)?.[key],
      yaml.data,
    );
  const length = (keys: Path) => {
    const value = at(keys);
    return Array.isArray(value) ? value.length : 0;
  };
  return {
    /** The text at `keys` as one item, or nothing when the field is absent. */
    item(kind: string, keys: Path, sources?: string[]): ReadAlone[] {
      const value = at(keys);
      return typeof value === 'string' || typeof value === 'number'
        ? [{ file, line: yaml.lineOf(keys), kind, text: String(value), ...(sources?.length && { sources }) }]
        : [];
    },
    /** One item per entry of the list at `keys`. */
    each(keys: Path, visit: (index: number) => ReadAlone[]): ReadAlone[] {
      return Array.from({ length: length(keys) }, (_, index) => visit(index)).flat();
    },
    /** The source ids an entry cites: one id ("source: x") or a list ("sources: [a, b]"). */
    sources(keys: Path): string[] {
      const value = at(keys);
      return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    },
  };
}

/** The cells of the GitHub tables in a section's text, each with its row and column names. */
function tableCells(file: string, body: string, firstLine: number): ReadAlone[] {
  const cells: ReadAlone[] = [];
  let header: string[] | undefined;
  body.split('\n').forEach((line, index) => {
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
export function readAloneTexts(folder: ExplainerFolder): ReadAlone[] {
  const yamlOf = (name: string) =>
    yamlReader(path.posix.join(folder.id, name), readFileSync(path.join(folder.dir, name), 'utf8'));
  const has = (name: string) => folder.files.includes(name);
  const items: ReadAlone[] = [];

  if (has('explainer.yaml')) {
    const main = yamlOf('explainer.yaml');
    items.push(
      ...main.item('Dek', ['dek']),
      ...main.each(['keyPoints'], (i) => main.item('Key point', ['keyPoints', i])),
    );
  }
  for (const name of folder.files.filter((f) => f.startsWith('sections/'))) {
    const file = path.posix.join(folder.id, name);
    const parts = splitFrontmatter(readFileSync(path.join(folder.dir, name), 'utf8'));
    if ('problem' in parts) continue;
    items.push(...yamlReader(file, parts.frontmatter, 2).item('Section summary', ['summary']));
    items.push(...tableCells(file, parts.body, parts.bodyLine));
  }
  for (const name of folder.files.filter((f) => f.startsWith('sections/'))) {
    items.push(
      ...evidence(path.posix.join(folder.id, name), readFileSync(path.join(folder.dir, name), 'utf8')),
    );
  }
  if (has('timeline.yaml')) {
    const timeline = yamlOf('timeline.yaml');
    items.push(
      ...timeline.each(['events'], (i) => {
        const sources = timeline.sources(['events', i, 'source']);
        return [
          ...timeline.item(`Timeline event ${i + 1}: title`, ['events', i, 'title'], sources),
          ...timeline.item(`Timeline event ${i + 1}: text`, ['events', i, 'text'], sources),
        ];
      }),
    );
  }
  if (has('whos-who.yaml')) {
    const people = yamlOf('whos-who.yaml');
    items.push(
      ...people.each(['people'], (i) => {
        const sources = people.sources(['people', i, 'sources']);
        return [
          ...people.item(`Who's who ${i + 1}: role`, ['people', i, 'role'], sources),
          ...people.item(`Who's who ${i + 1}: about`, ['people', i, 'about'], sources),
        ];
      }),
    );
  }
  if (has('glossary.yaml')) {
    const glossary = yamlOf('glossary.yaml');
    items.push(
      ...glossary.each(['terms'], (i) =>
        glossary.item(
          `Glossary ${i + 1}: definition`,
          ['terms', i, 'definition'],
          glossary.sources(['terms', i, 'sources']),
        ),
      ),
    );
  }
  for (const name of folder.files.filter((f) => f.startsWith('charts/'))) {
    const chart = yamlOf(name);
    const sources = chart.sources(['source']);
    items.push(
      ...chart.item('Chart title', ['title'], sources),
      ...chart.item('Chart caption', ['caption'], sources),
      ...chart.each(['parts'], (i) =>
        chart.item(`Chart part ${i + 1}: label`, ['parts', i, 'label'], sources),
      ),
      ...chart.item('Chart rest: label', ['rest'], sources),
    );
  }
  if (has('map.yaml')) {
    const map = yamlOf('map.yaml');
    items.push(...map.item('Map title', ['title']), ...map.item('Map description', ['description']));
  }
  return items;
}

/**
 * A line as a terminal may show it: content is printed raw nowhere, so control characters (an
 * escape sequence can clear the screen or retitle the window), line breaks inside a text and
 * bidirectional controls (which reorder what is shown) are written out as <U+001B>.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
export const printable = (line: string) =>
  line.replace(UNPRINTABLE, (c) => `<U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}>`);

/**
 * Each sentence that cites a footnote, beside the passage that footnote quotes from its source,
 * so a copy editor can see whether the source says what the sentence does.
 */
function evidence(file: string, source: string): ReadAlone[] {
  const parts = splitFrontmatter(source);
  if ('problem' in parts) return [];
  const text = readSectionText(parts.body, parts.bodyLine);
  return text.citations.map((citation) => {
    const note = text.footnotes.find((footnote) => footnote.id === citation.id);
    return {
      file,
      line: citation.line,
      kind: `Cited sentence [^${citation.id}]`,
      text: citation.sentence,
      evidence: note?.evidence
        ? `“${note.evidence}”`
        : '(none: quote the passage of the source under the footnote)',
    };
  });
}

/** The report as plain text: one block per explainer, one line per text. */
export function formatReview(contentDir: string): string {
  const out: string[] = [
    'Texts read on their own (share cards, the sidebar, table cells, cards and definitions).',
    "Each must stand alone: a claim that is one source's own account says so in the text.",
    'Each sentence that cites a footnote is listed with the passage the footnote quotes as evidence.',
    '',
  ];
  for (const folder of explainerFolders(contentDir).folders) {
    out.push(`# ${folder.id}`, '');
    for (const item of readAloneTexts(folder)) {
      const cites = item.sources?.length ? ` [cites ${item.sources.join(', ')}]` : '';
      out.push(printable(`${item.file}:${item.line}  ${item.kind}${cites}`), printable(`    ${item.text}`));
      if (item.evidence !== undefined) out.push(printable(`      evidence: ${item.evidence}`));
    }
    out.push('');
  }
  return out.join('\n');
}

if (import.meta.main) {
  const contentDir = path.resolve(process.argv[2] ?? process.env.CONTENT_DIR ?? 'content/explainers');
  process.stdout.write(formatReview(contentDir));
}
