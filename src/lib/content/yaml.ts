/**
 * YAML files and frontmatter, read with the line of every value, and schema problems worded for
 * editors: "file:line: event 4 ("Talks resume"), field "date": … is not a real day".
 */
import type { z } from 'astro/zod';
import { Lexer, LineCounter, parseDocument, visit, type Node } from 'yaml';
import { MAX_NESTING, MAX_YAML_ALIASES } from './limits.ts';

type Path = readonly PropertyKey[];

export interface YamlFile {
  /** The file as messages name it. */
  file: string;
  data: unknown;
  /** The file line of the value at `path`, or of the nearest value above it that exists. */
  lineOf(path: Path): number;
  /** Syntax errors, already worded; `data` is undefined when there are any. */
  problems: string[];
}

/**
 * The first line where lists and maps nest deeper than MAX_NESTING, or undefined. Read with the
 * YAML lexer, which does not recurse, before the parser, which does: "- " repeated 10,000 times
 * overflowed its stack. Each two columns of indentation, each "- " on a line and each open "[" or
 * "{" count as a level (a little more than the parser counts, never less).
 */
function tooDeepLine(text: string): number | undefined {
  let line = 1;
  let indent = 0;
  let dashes = 0;
  let flow = 0;
  let lineStart = true;
  for (const token of new Lexer().lex(text)) {
    if (token === '\n' || token === '\r\n') {
      [line, indent, dashes, lineStart] = [line + 1, 0, 0, true];
      continue;
    }
    if (lineStart && /^ +$/.test(token)) indent = token.length;
    else if (token === '-' || token === '?') dashes++;
    else if (token === '[' || token === '{') flow++;
    else if (token === ']' || token === '}') flow = Math.max(0, flow - 1);
    lineStart = false;
    if (Math.floor(indent / 2) + dashes + flow > MAX_NESTING) return line;
  }
  return undefined;
}

/**
 * Parses YAML 1.2 (the `yaml` package's core schema): an unquoted 2021-03-18 stays the text the
 * editor wrote instead of becoming a Date that rolls 2021-02-30 over into March.
 * @param firstLine the file line the text starts on (frontmatter starts on line 2)
 */
export function readYaml(file: string, text: string, firstLine = 1): YamlFile {
  const deep = tooDeepLine(text);
  if (deep !== undefined) {
    return {
      file,
      data: undefined,
      lineOf: () => firstLine + deep - 1,
      problems: [`${file}:${firstLine + deep - 1}: lists and fields nest more than ${MAX_NESTING} levels deep here; no content file needs that many`],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const problems = doc.errors.map((error) => {
    const line = toLine(error.pos[0]);
    const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const hint =
      error.code === 'DUPLICATE_KEY'
        ? 'each field may appear once'
        : 'check that this line is indented like the lines it belongs with, that list items start with "- ", and that text containing ": " or " #" is in quotes';
    return `${file}:${line}: the YAML cannot be read here (${reason}); ${hint}`;
  });
  const lineOf = (path: Path): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true) as Node | undefined;
      if (node && (node as { range?: number[] }).range) return toLine((node as { range: number[] }).range[0]!);
    }
    return firstLine;
  };
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      // The only error toJS throws on a document that parsed: too many aliases (a "billion laughs").
      let line = firstLine;
      visit(doc, {
        Alias(_, node) {
          line = toLine(node.range?.[0] ?? 0);
          return visit.BREAK;
        },
      });
      problems.push(
        `${file}:${line}: the YAML cannot be read (${(error as Error).message}); aliases (*name) may repeat at most ${MAX_YAML_ALIASES} values here: write the values out instead`,
      );
    }
  }
  return { file, data, lineOf, problems };
}

const SINGULAR: Record<string, string> = {
  changes: 'change',
  events: 'event',
  sources: 'source',
  people: 'person',
  topics: 'topic',
  terms: 'term',
  parts: 'part',
  places: 'place',
  keyPoints: 'key point',
  countries: 'country',
  oldSlugs: 'old slug',
};

/** What an entry calls itself, to name it in a message: its title, name, term, id or label. */
function labelOf(entry: unknown): string {
  if (typeof entry !== 'object' || entry === null) return '';
  const record = entry as Record<string, unknown>;
  const label = ['title', 'name', 'term', 'id', 'label'].map((key) => record[key]).find((v) => typeof v === 'string');
  return typeof label === 'string' ? ` ("${label.length > 50 ? `${label.slice(0, 47)}…` : label}")` : '';
}

/** "event 4 ("Talks resume"), field "date"": a zod path in words, counting from 1. */
export function describePath(path: Path, data: unknown): string {
  const words: string[] = [];
  let value: unknown = data;
  const fields: string[] = [];
  path.forEach((key, index) => {
    const next = (value as Record<PropertyKey, unknown> | undefined)?.[key as string];
    if (typeof key === 'number') {
      const list = String(path[index - 1] ?? '');
      fields.pop();
      words.push(`${SINGULAR[list] ?? list} ${key + 1}${labelOf(next)}`);
    } else {
      fields.push(String(key));
    }
    value = next;
  });
  if (fields.length > 0) words.push(`field "${fields.join('.')}"`);
  return words.join(', ');
}

/** The keys an object schema at `path` accepts, for "unknown field" messages. */
function knownKeys(schema: z.ZodType, path: Path): string[] {
  let current: unknown = schema;
  for (const key of path) {
    const def = (current as { def?: Record<string, unknown> }).def;
    if (!def) return [];
    if (def.type === 'pipe') current = def.in;
    if (typeof key === 'number') current = ((current as { def: { element?: unknown } }).def.element ?? current);
    else current = (current as { shape?: Record<string, unknown> }).shape?.[key as string];
    // Optional, default and refined wrappers hold the real schema inside.
    while ((current as { def?: { innerType?: unknown } })?.def?.innerType) {
      current = (current as { def: { innerType: unknown } }).def.innerType;
    }
  }
  const shape = (current as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Edits (insert, delete, change, swap two letters) between two words, ignoring case. */
function distance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

/** The known field a misspelt one most likely means: a typo or two away (one for short words). */
export function nearest(key: string, known: string[]): string | undefined {
  const limit = key.length <= 4 ? 1 : 2;
  const ranked = known.map((name) => ({ name, edits: distance(key, name) })).sort((a, b) => a.edits - b.edits);
  return ranked[0] && ranked[0].edits <= limit ? ranked[0].name : undefined;
}

/** One schema problem in an editor's words. */
function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is missing';
      return `should be ${issue.expected === 'string' ? 'text' : issue.expected === 'array' ? 'a list' : issue.expected}, not ${JSON.stringify(value)}${
        issue.expected === 'string' ? ' (put it in quotes)' : ''
      }`;
    case 'unrecognized_keys': {
      const known = knownKeys(schema, issue.path);
      const guesses = issue.keys.flatMap((key) => {
        const near = nearest(key, known);
        return near ? [issue.keys.length > 1 ? `"${near}" for "${key}"` : `"${near}"`] : [];
      });
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${
        guesses.length > 0 ? ` (did you mean ${guesses.join(', ')}?)` : ''
      }; the fields here are: ${known.join(', ')}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string') return 'is empty';
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `has more than ${issue.maximum} entries`;
      if (issue.origin === 'string') return `is ${String(value).length} characters long; at most ${issue.maximum}`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

/**
 * Validates a parsed file against its schema. Returns the parsed value, or the problems as
 * "file:line: where: what", one per issue.
 */
export function validate<S extends z.ZodType>(
  yaml: YamlFile,
  schema: S,
): { data: z.output<S>; problems: [] } | { data: undefined; problems: string[] } {
  if (yaml.problems.length > 0) return { data: undefined, problems: yaml.problems };
  const result = schema.safeParse(yaml.data ?? {});
  if (result.success) return { data: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const value = path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key as string], yaml.data);
    const where = describePath(issue.path, yaml.data);
    return `${yaml.file}:${yaml.lineOf(path)}: ${where ? `${where}: ` : ''}${describeIssue(issue, schema, value)}`;
  });
  return { data: undefined, problems };
}

