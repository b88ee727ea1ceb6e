/**
 * The one module that reads content/. It lists each explainer folder's files (files.ts), reads
 * every YAML file and section with line numbers, checks them against their schemas (schemas.ts)
 * and the section text against the rules for safe MDX (mdx.ts), then the rules that span files
 * (validate.ts). It returns plain data and, per explainer, the problems that stop it from being
 * published, each naming the file and line. The build's loaders, `npm run review` and the tests
 * all read content through here.
 */
import { readFileSync, statSync } from 'node:fs';
import { extractFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import path from 'node:path';
import { layOutMap } from '../locator-map.ts';
import { crossFileProblems, type ExplainerFiles, type Input } from '../validate.ts';
import { displayPath, explainerFolders } from './files.ts';
import { MAX_DATA_FILE_BYTES, MAX_SECTION_BYTES } from './limits.ts';
import { readSectionText, type SectionText } from './mdx.ts';
import { sharedProblems } from './shared.ts';
import type { z } from 'astro/zod';
import {
  changeSchema,
  changesSchema,
  chartSchema,
  explainerSchema,
  glossarySchema,
  mapSchema,
  peopleSchema,
  eventSchema,
  sectionSchema,
  timelineSchema,
  type Change,
  type Chart,
  type EventData,
  type ExplainerFileData,
  type MapData,
  type Person,
  type SectionFrontmatter,
  type Term,
} from './schemas.ts';
import { readYaml, validate, type YamlFile } from './yaml.ts';

export interface SectionEntry extends SectionFrontmatter {
  /** The file as messages name it. */
  file: string;
  /** Its path inside the explainer folder, "sections/01-a.mdx". */
  path: string;
  /** The ids its text names with <Person id> and <Term id>, each once: for the hub pages. */
  people: string[];
  terms: string[];
}

export interface ExplainerEntry extends ExplainerFileData {
  /** The folder name: id and URL path. */
  id: string;
  sections: SectionEntry[];
  events: EventData[];
  /** The change log (changes.yaml), as written. */
  changes: Change[];
  people: Person[];
  terms: Term[];
  /** Chart data by file name (charts/district-control.yaml → "district-control"). */
  charts: Record<string, Chart>;
  map?: MapData;
  /** map.yaml as messages name it, for errors found while drawing the map. */
  mapFile?: string;
  /** What stops this explainer from being published; empty when it can be. */
  problems: string[];
  /** Worth fixing, but publishable. */
  warnings: string[];
}

export interface ContentRead {
  explainers: ExplainerEntry[];
  /** Problems that belong to no explainer, such as a folder whose name cannot be a URL. */
  problems: string[];
}

/**
 * Runs `read` on one file: whatever it throws (a case no rule foresaw) becomes a problem naming
 * the file, never a crash that names nothing.
 */
function guarded<T>(file: string, problems: string[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    problems.push(`${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

/** The problem with a file larger than `max` bytes, found before it is read, or undefined. */
function sizeProblem(file: string, full: string, max: number): string | undefined {
  const { size } = statSync(full);
  if (size <= max) return undefined;
  return `${file}:1: the file is ${Math.ceil(size / 1000)} KB; at most ${max / 1000} KB: split it or shorten it`;
}

const KNOWN_FILES = ['explainer.yaml', 'timeline.yaml', 'changes.yaml', 'whos-who.yaml', 'glossary.yaml', 'map.yaml'];

/** The id a section file has in the sections collection: "story/sections/01-a.mdx" → "story/01-a". */
export const sectionEntryId = (file: string) => file.replace('/sections/', '/').replace(/\.mdx$/, '');

/**
 * Splits a section file into its frontmatter and body where Astro's MDX integration does: with
 * the same function (extractFrontmatter, which @astrojs/mdx's parser calls), so the body checked
 * here is the body Astro compiles. Astro also takes forms no editor means (TOML between "+++",
 * text after a "---", blank lines before the first one); those are refused, so a section's
 * frontmatter is only ever what stands between a first line "---" and the next line "---".
 */
export function splitFrontmatter(
  source: string,
): { frontmatter: string; body: string; bodyLine: number } | { problem: string; line: number } {
  const start = source.startsWith('\uFEFF') ? 1 : 0;
  const raw = extractFrontmatter(source);
  const opening = raw === undefined ? undefined : /^[ \t]*\r?\n/.exec(raw);
  if (!source.startsWith('---', start) || raw === undefined || !opening) {
    return { problem: 'a section starts with its frontmatter: a first line "---", then title, slug, order and summary, then a line "---"', line: 1 };
  }
  const close = start + 3 + raw.length;
  const closeLine = source.slice(0, close).split('\n').length;
  const after = /^[ \t]*(?:\r?\n|$)/.exec(source.slice(close + 3));
  if (source.slice(close, close + 3) !== '---' || !after) {
    const line = source.slice(close).split(/\r?\n/, 1)[0]!;
    return { problem: `the frontmatter ends here, and this line must be "---" alone, not "${line}"`, line: closeLine };
  }
  return {
    frontmatter: raw.slice(opening[0].length, raw.endsWith('\r\n') ? -2 : -1),
    body: source.slice(close + 3 + after[0].length),
    bodyLine: closeLine + (after[0].endsWith('\n') ? 1 : 0),
  };
}

/** One section file: its frontmatter checked against the schema, its text against the MDX rules. */
export function readSectionFile(
  dir: string,
  relative: string,
): { entry?: SectionEntry; text?: SectionText; problems: string[]; slug?: string } {
  const file = displayPath(path.join(dir, relative));
  const tooLarge = sizeProblem(file, path.join(dir, relative), MAX_SECTION_BYTES);
  if (tooLarge) return { problems: [tooLarge] };
  const source = readFileSync(path.join(dir, relative), 'utf8');
  const parts = splitFrontmatter(source);
  if ('problem' in parts) return { problems: [`${file}:${parts.line}: ${parts.problem}`] };
  const yaml = readYaml(file, parts.frontmatter, 2);
  const { data, problems: frontmatterProblems } = validate(yaml, sectionSchema);
  const problems: string[] = [...frontmatterProblems];
  const text = readSectionText(parts.body, parts.bodyLine);
  problems.push(...text.problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`));
  // A section whose frontmatter has a problem elsewhere still tells the timeline its slug.
  const slug = sectionSchema.shape.slug.safeParse((yaml.data as { slug?: unknown } | undefined)?.slug);
  const named = (component: string) => [
    ...new Set(text.components.flatMap((use) => (use.name === component && use.id ? [use.id] : []))),
  ];
  const entry = data && { ...data, file, path: relative, people: named('Person'), terms: named('Term') };
  return { ...(entry && { entry }), text, problems, ...(slug.success && { slug: slug.data }) };
}

/**
 * The entries of a list in a YAML file that pass their schema, each at its own index: a list
 * with holes where an entry did not, so that messages still count entries as the file does
 * (forEach skips the holes).
 */
function readableEntries<T>(yaml: YamlFile | undefined, key: string, schema: z.ZodType<T>): T[] {
  const list = (yaml?.data as Record<string, unknown> | undefined)?.[key];
  const entries: T[] = [];
  if (Array.isArray(list)) {
    list.forEach((item, index) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) entries[index] = parsed.data;
    });
  }
  return entries;
}

/**
 * A footnote should carry the passage of its source that supports the sentence (a "> " quote
 * under it): a count of those without one, per explainer, so a copy editor knows what is left.
 * A warning, not an error: the passage has to be found in the source first.
 */
function evidenceWarning(folder: string, texts: SectionText[]): string[] {
  const footnotes = texts.flatMap((text) => text.footnotes);
  const missing = footnotes.filter((footnote) => footnote.evidence === undefined).length;
  if (missing === 0) return [];
  return [
    `${folder}: warning: ${missing} of ${footnotes.length} footnotes quote no passage of their source as evidence; \`npm run review\` lists them`,
  ];
}

/**
 * Map labels that overlap wherever they go (layOutMap tries each place's label on every side of
 * its marker): the map still draws them, one over the other, so the editor is told which.
 */
function mapLabelWarnings(map: MapData | undefined, yaml: YamlFile | undefined): string[] {
  if (!map || !yaml) return [];
  let labels;
  try {
    labels = layOutMap(map).labels;
  } catch {
    return []; // an unknown country or a place off the map stops the build where the map is drawn
  }
  return labels
    .filter((label) => label.clashes.length > 0)
    .map((label) => {
      const at =
        label.place !== undefined
          ? ['places', label.place, 'name']
          : map.countries.includes(label.name)
            ? ['countries', map.countries.indexOf(label.name)]
            : ['focus'];
      const where = label.place !== undefined ? ' on every side of its marker' : '';
      return `${yaml.file}:${yaml.lineOf(at)}: warning: on the map, the label "${label.name}" overlaps ${label.clashes.join(' and ')}${where}; move a place, shorten a name or leave one out`;
    });
}

/** Reads, checks and returns every explainer below `contentDir`. */
export function readContent(contentDir: string): ContentRead {
  const { folders, problems } = explainerFolders(contentDir);
  const read = folders.map((folder) => {
    const file = (name: string) => displayPath(path.join(folder.dir, name));
    const has = (name: string) => folder.files.includes(name);
    const problems: string[] = [];
    const yamlFiles = new Map<string, YamlFile>();
    const unread = new Set<Input>();
    const INPUT: Record<string, Input> = {
      'whos-who.yaml': 'people',
      'glossary.yaml': 'terms',
      'map.yaml': 'map',
    };
    const load = <T>(name: string, schema: Parameters<typeof validate>[1]): T | undefined => {
      if (!has(name)) return undefined;
      const tooLarge = sizeProblem(file(name), path.join(folder.dir, name), MAX_DATA_FILE_BYTES);
      if (tooLarge) {
        problems.push(tooLarge);
        return undefined;
      }
      const yaml = guarded(file(name), problems, () => readYaml(file(name), readFileSync(path.join(folder.dir, name), 'utf8')));
      if (!yaml) return undefined;
      yamlFiles.set(name, yaml);
      const result = validate(yaml, schema);
      problems.push(...result.problems);
      const input = name.startsWith('charts/') ? 'charts' : INPUT[name];
      if (!result.data && input) unread.add(input);
      return result.data as T | undefined;
    };

    for (const name of folder.files.filter((f) => !f.includes('/') && !KNOWN_FILES.includes(f))) {
      problems.push(`${file(name)}: is not a file the build reads (${KNOWN_FILES.join(', ')}, charts/*.yaml, sections/*.mdx); rename or remove it`);
    }
    if (!has('explainer.yaml')) {
      problems.push(`${displayPath(folder.dir)}: has no explainer.yaml, so it cannot be published`);
      unread.add('sources').add('dates');
    }
    if (!has('timeline.yaml')) problems.push(`${displayPath(folder.dir)}: has no timeline.yaml`);

    const main = load<ExplainerFileData>('explainer.yaml', explainerSchema);
    const timeline = load<{ events: EventData[] }>('timeline.yaml', timelineSchema);
    const changes = load<{ changes: Change[] }>('changes.yaml', changesSchema);
    const people = load<{ people: Person[] }>('whos-who.yaml', peopleSchema);
    const glossary = load<{ terms: Term[] }>('glossary.yaml', glossarySchema);
    const map = load<MapData>('map.yaml', mapSchema);
    const charts: Record<string, Chart> = {};
    for (const name of folder.files.filter((f) => f.startsWith('charts/'))) {
      const chart = load<Chart>(name, chartSchema);
      if (chart) charts[path.basename(name, '.yaml')] = chart;
    }
    const sections: SectionEntry[] = [];
    const texts = new Map<string, SectionText>();
    /** Slugs of the sections whose frontmatter did not read, where they are known. */
    const unreadSlugs: string[] = [];
    let sectionsPartlyRead = false;
    for (const name of folder.files.filter((f) => f.startsWith('sections/'))) {
      const section = guarded(file(name), problems, () => readSectionFile(folder.dir, name));
      if (!section) continue;
      problems.push(...section.problems);
      if (section.entry) {
        sections.push(section.entry);
        if (section.text) texts.set(section.entry.file, section.text);
      } else {
        sectionsPartlyRead = true;
        if (section.slug) unreadSlugs.push(section.slug);
        else unread.add('sections');
      }
    }
    sections.sort((a, b) => a.order - b.order || a.path.localeCompare(b.path));

    const entry: ExplainerEntry = {
      id: folder.id,
      title: main?.title ?? folder.id,
      dek: main?.dek ?? '',
      reportDate: main?.reportDate ?? '',
      updated: main?.updated ?? '',
      // A draft stays a draft when another field of its explainer.yaml has a problem (a date
      // still YYYY-MM-DD): its problems must not stop the build.
      draft: main?.draft ?? (yamlFiles.get('explainer.yaml')?.data as { draft?: unknown } | undefined)?.draft === true,
      keyPoints: main?.keyPoints ?? [],
      sources: main?.sources ?? [],
      topics: main?.topics ?? [],
      sections,
      events: timeline?.events ?? [],
      changes: changes?.changes ?? [],
      people: people?.people ?? [],
      terms: glossary?.terms ?? [],
      charts,
      ...(map && { map, mapFile: file('map.yaml') }),
      problems,
      warnings: [
        ...[...texts.entries()].flatMap(([name, text]) =>
          text.warnings.map((w) => `${name}:${w.line}:${w.column}: warning: ${w.message}`),
        ),
        ...evidenceWarning(displayPath(folder.dir), [...texts.values()]),
        ...mapLabelWarnings(map, yamlFiles.get('map.yaml')),
      ],
    };
    const timelineYaml = yamlFiles.get('timeline.yaml');
    const changesYaml = yamlFiles.get('changes.yaml');
    // A file with a problem still gives the cross-file rules whatever parts of it read: the
    // events and changes that pass their schema, explainer.yaml's sources and dates.
    const facts = { ...entry };
    const mainYaml = yamlFiles.get('explainer.yaml');
    if (mainYaml && !main) {
      const raw = (mainYaml.data ?? {}) as Record<string, unknown>;
      const sources = explainerSchema.shape.sources.safeParse(raw.sources);
      if (sources.success) facts.sources = sources.data;
      else unread.add('sources');
      const reportDate = explainerSchema.shape.reportDate.safeParse(raw.reportDate);
      const updated = explainerSchema.shape.updated.safeParse(raw.updated);
      if (reportDate.success && updated.success) Object.assign(facts, { reportDate: reportDate.data, updated: updated.data });
      else unread.add('dates');
    }
    if (!timeline) facts.events = readableEntries(timelineYaml, 'events', eventSchema);
    if (!changes) facts.changes = readableEntries(changesYaml, 'changes', changeSchema);
    const files: ExplainerFiles = {
      folder: displayPath(folder.dir),
      explainer: file('explainer.yaml'),
      timeline: file('timeline.yaml'),
      changes: file('changes.yaml'),
      ...(timelineYaml && { eventLine: (index: number, field: string) => timelineYaml.lineOf(['events', index, field]) }),
      ...(changesYaml && { changeLine: (index: number, field: string) => changesYaml.lineOf(['changes', index, field]) }),
      unread,
      unreadSlugs,
    };
    const at = (name: string, yaml: YamlFile | undefined, path: (string | number)[]) =>
      `${file(name)}${yaml ? `:${yaml.lineOf(path)}` : ''}`;
    const shared = {
      ...entry,
      topicAt: (index: number) => at('explainer.yaml', mainYaml, ['topics', index]),
      personAt: (index: number, field: string) =>
        at('whos-who.yaml', yamlFiles.get('whos-who.yaml'), ['people', index, field]),
      termAt: (index: number, field: string) =>
        at('glossary.yaml', yamlFiles.get('glossary.yaml'), ['terms', index, field]),
    };
    return { entry, facts, texts, files, sectionsPartlyRead, shared };
  });

  // Rules across files need every explainer read first: a link may point at another story. They
  // run on whatever did read, so every problem shows in one pass; each rule skips itself when a
  // file it needs did not read (validate.ts).
  const partlyRead = new Set(read.filter((r) => r.sectionsPartlyRead).map((r) => r.entry.id));
  for (const { entry, facts, texts, files } of read) {
    entry.problems.push(...crossFileProblems(facts, texts, files, read.map((r) => r.facts), partlyRead));
  }
  const shared = sharedProblems(read.map((r) => r.shared));
  for (const { entry } of read) {
    entry.problems.push(...shared.get(entry.id)!.problems);
    entry.warnings.push(...shared.get(entry.id)!.warnings);
  }
  return { explainers: read.map((r) => r.entry), problems };
}
