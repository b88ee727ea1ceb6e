/**
 * Rules that span files, which a per-file schema cannot see: sections that share a slug or an
 * order, timeline events and cards that cite what does not exist, links to sections that do not
 * exist, components whose ids have no entry. Each problem names the file and line and says what
 * to write instead; the content reader collects them (src/lib/content/read.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { dateRange, isAfter, toPartialDate } from './dates.ts';
import type { SectionText } from './content/mdx.ts';
import type {
  Change,
  EventData,
  ExplainerFileData,
  Person,
  SectionFrontmatter,
  Term,
  Chart,
  MapData,
} from './content/schemas.ts';

/** What the cross-file rules need of an explainer. */
export interface ExplainerFacts extends Pick<
  ExplainerFileData,
  'reportDate' | 'updated' | 'sources' | 'draft'
> {
  id: string;
  sections: (SectionFrontmatter & { file: string })[];
  events: EventData[];
  changes: Change[];
  people: Person[];
  terms: Term[];
  charts: Record<string, Chart>;
  map?: MapData;
}

/** Where things are, for messages. */
export interface ExplainerFiles {
  folder: string;
  explainer: string;
  timeline: string;
  changes: string;
  /** The line of an event's field in timeline.yaml (index from 0), when known. */
  eventLine?: (index: number, field: string) => number;
  /** The line of a change's field in changes.yaml (index from 0), when known. */
  changeLine?: (index: number, field: string) => number;
  /**
   * The files that exist but did not read (their own problems are reported already): the rules
   * that need them are skipped, rather than report what they lack as missing.
   */
  unread?: ReadonlySet<Input>;
  /** Slugs of sections whose frontmatter did not read: events and changes may name them. */
  unreadSlugs?: readonly string[];
}

/** The inputs of the cross-file rules, one per kind of file. */
export type Input = 'sources' | 'dates' | 'sections' | 'people' | 'terms' | 'charts' | 'map';

const list = (items: string[]) => (items.length > 0 ? items.join(', ') : 'none yet');

/**
 * Thrown when content cannot be published; its message lists every problem. It is an editor's
 * error, not the code's: Astro prints an error of type "AstroUserError" as its message and hint,
 * and with no stack it prints no stack trace (astro/dist/core/messages/runtime.js), so the
 * editor sees the list and nothing from src/ or node_modules.
 */
export class ContentError extends Error {
  readonly type = 'AstroUserError';
  readonly hint = 'Fix each problem in the file and line it names, then build again.';
  constructor(problems: string[]) {
    super(`Content problems stop the build:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
    this.stack = '';
  }
}

/**
 * The anchors a link can reach on an explainer page: its sections (and their old slugs) and
 * the who's who, glossary and source entries.
 */
function anchorsOf(explainer: ExplainerFacts): Set<string> {
  return new Set([
    ...explainer.sections.flatMap((s) => [s.slug, ...s.oldSlugs]),
    ...explainer.people.map((p) => `who-${p.id}`),
    ...explainer.terms.map((t) => `term-${t.id}`),
    ...explainer.sources.map((s) => `source-${s.id}`),
  ]);
}

/**
 * Where a site link points: "#slug" (this explainer), "/story/", "/story/#slug" or
 * "/story/slug/" (any explainer), "/images/…" (a file in public/). Returns a problem or nothing.
 */
export function linkProblem(
  url: string,
  from: ExplainerFacts,
  all: ExplainerFacts[],
  image: boolean,
  /** Explainers with a section that did not read: a link into them cannot be judged. */
  partlyRead: ReadonlySet<string> = new Set(),
): string | undefined {
  const [pathPart, fragment] = url.split('#', 2) as [string, string | undefined];
  if (image || pathPart.startsWith('/images/')) {
    const file = path.join(process.cwd(), 'public', decodeURI(pathPart));
    return existsSync(file) && file.startsWith(path.join(process.cwd(), 'public') + path.sep)
      ? undefined
      : `"${url}" is not a file in public/images/; put the file there and write /images/<file name>`;
  }
  const match = /^(?:\/([^/]+)\/(?:([^/]+)\/)?)?$/.exec(pathPart);
  const target = match?.[1] === undefined ? from : all.find((e) => e.id === match[1]);
  const examples = `#${from.sections[0]?.slug ?? 'slug'} for a section here, /other-story/#slug for a section of another explainer`;
  if (!match || !target) return `"${url}" points to no explainer of this site; write ${examples}`;
  if (target.draft && !from.draft) return `"${url}" points to ${target.id}, a draft that is not published`;
  if (partlyRead.has(target.id)) return undefined;
  const anchor = match[2] ?? fragment;
  if (match[2] !== undefined && fragment !== undefined)
    return `"${url}" has a section and a fragment; write /${target.id}/${match[2]}/ or /${target.id}/#${match[2]}`;
  if (anchor === undefined || anchor === '') return pathPart === '' ? `"${url}" is an empty link` : undefined;
  const anchors = anchorsOf(target);
  const sectionsOnly = match[2] !== undefined;
  if (
    sectionsOnly
      ? !target.sections.some((s) => s.slug === anchor || s.oldSlugs.includes(anchor))
      : !anchors.has(anchor)
  ) {
    return `"${url}" points to no section of ${target === from ? 'this explainer' : target.id}; its sections: ${target.sections.map((s) => s.slug).join(', ')}`;
  }
  return undefined;
}

/** Every cross-file problem in one explainer; an empty list means it can be published. */
export function crossFileProblems(
  explainer: ExplainerFacts,
  texts: Map<string, SectionText>,
  files: ExplainerFiles,
  all: ExplainerFacts[],
  partlyRead: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  // A rule runs only when every file it reads did read: a section whose frontmatter has a
  // problem is not also "missing" from the timeline that names it.
  const read = (...inputs: Input[]) => !inputs.some((input) => files.unread?.has(input));
  const sourceIds = explainer.sources.map((s) => s.id);
  if (explainer.sections.length === 0 && read('sections') && !files.unreadSlugs?.length) {
    problems.push(`${files.folder}: the explainer has no sections; add sections/01-<slug>.mdx`);
  }

  // Slugs and orders: each once; an old slug keeps shared links alive, so it names no other section.
  const byOrder = new Map<number, string>();
  const bySlug = new Map<string, string>();
  for (const section of explainer.sections) {
    const sameOrder = byOrder.get(section.order);
    if (sameOrder)
      problems.push(
        `${section.file}: field "order" is ${section.order}, the same as in ${sameOrder}; give each section its own order`,
      );
    else byOrder.set(section.order, section.file);
    const sameSlug = bySlug.get(section.slug);
    if (sameSlug)
      problems.push(
        `${section.file}: field "slug" is "${section.slug}", the same as in ${sameSlug}; slugs must be unique`,
      );
    else bySlug.set(section.slug, section.file);
  }
  const oldOwners = new Map<string, string>();
  for (const section of explainer.sections) {
    for (const old of section.oldSlugs) {
      const current = bySlug.get(old);
      const earlier = oldOwners.get(old);
      if (current) problems.push(`${section.file}: field "oldSlugs" has "${old}", the slug of ${current}`);
      else if (earlier)
        problems.push(`${section.file}: field "oldSlugs" has "${old}", also an old slug in ${earlier}`);
      else oldOwners.set(old, section.file);
    }
  }

  explainer.events.forEach((event, index) => {
    const where = (field: string) =>
      `${files.timeline}:${files.eventLine?.(index, field) ?? ''}`.replace(/:$/, '');
    const name = `event ${index + 1} ("${event.title}", ${event.date})`;
    if (read('sections') && !bySlug.has(event.section) && !files.unreadSlugs?.includes(event.section)) {
      const hint = event.section.includes('/') ? ' (name the section by its slug alone)' : '';
      problems.push(
        `${where('section')}: ${name}: field "section" is "${event.section}", not a section of this explainer${hint}; use one of: ${list([...bySlug.keys()])}`,
      );
    }
    if (read('sources') && event.source !== undefined && !sourceIds.includes(event.source)) {
      problems.push(
        `${where('source')}: ${name}: field "source" is "${event.source}", not a source id in ${files.explainer}; use one of: ${list(sourceIds)}`,
      );
    }
    if (
      event.endDate !== undefined &&
      dateRange(toPartialDate(event.endDate)).last < dateRange(toPartialDate(event.date)).first
    ) {
      problems.push(
        `${where('endDate')}: ${name}: field "endDate" "${event.endDate}" is before its date "${event.date}"`,
      );
    }
    if (
      read('dates') &&
      event.scheduled &&
      !isAfter(toPartialDate(event.date), toPartialDate(explainer.reportDate))
    ) {
      problems.push(
        `${where('scheduled')}: ${name}: "scheduled: true" is only for dates after the report date (${explainer.reportDate}); remove it`,
      );
    }
  });

  // A change is dated within the story's life: not before the report, not after the day the text
  // says it was last changed (an entry dated later would announce a change readers cannot see).
  explainer.changes.forEach((change, index) => {
    const where = (field: string) =>
      `${files.changes}:${files.changeLine?.(index, field) ?? ''}`.replace(/:$/, '');
    const name = `change ${index + 1} (${change.kind}, ${change.date})`;
    if (read('dates') && change.date < explainer.reportDate) {
      problems.push(
        `${where('date')}: ${name}: field "date" is before the report date (${explainer.reportDate}) in ${files.explainer}`,
      );
    }
    if (read('dates') && change.date > explainer.updated) {
      problems.push(
        `${where('date')}: ${name}: field "date" is after "updated" (${explainer.updated}) in ${files.explainer}; set updated to ${change.date} or later`,
      );
    }
    for (const slug of change.sections) {
      if (read('sections') && !bySlug.has(slug) && !files.unreadSlugs?.includes(slug)) {
        problems.push(
          `${where('sections')}: ${name}: field "sections" has "${slug}", not a section of this explainer; use one of: ${list([...bySlug.keys()])}`,
        );
      }
    }
  });

  const cite = (where: string, ids: string[]) => {
    for (const id of read('sources') ? ids : []) {
      if (!sourceIds.includes(id))
        problems.push(
          `${where}: source "${id}" is not a source id in ${files.explainer}; use one of: ${list(sourceIds)}`,
        );
    }
  };
  explainer.people.forEach((p, i) =>
    cite(`${files.folder}/whos-who.yaml: person ${i + 1} ("${p.name}")`, p.sources),
  );
  explainer.terms.forEach((t, i) =>
    cite(`${files.folder}/glossary.yaml: term ${i + 1} ("${t.term}")`, t.sources),
  );
  for (const [name, chart] of Object.entries(explainer.charts)) {
    cite(`${files.folder}/charts/${name}.yaml: field "source"`, [chart.source]);
    const percent = chart.parts.reduce((sum, part) => sum + part.value, 0);
    if (percent > 100)
      problems.push(
        `${files.folder}/charts/${name}.yaml: the parts add up to ${percent} per cent, more than 100`,
      );
  }
  for (const [file, ids] of [
    ['whos-who.yaml', explainer.people.map((p) => p.id)],
    ['glossary.yaml', explainer.terms.map((t) => t.id)],
  ] as const) {
    for (const repeated of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
      problems.push(`${files.folder}/${file}: the id "${repeated}" is used twice; each entry needs its own`);
    }
  }

  const sourceUrls = explainer.sources.flatMap((s) => (s.url ? [s.url] : []));
  const personIds = explainer.people.map((p) => p.id);
  const termIds = explainer.terms.map((t) => t.id);
  const chartIds = Object.keys(explainer.charts);
  for (const section of explainer.sections) {
    const text = texts.get(section.file);
    if (!text) continue;
    const at = (p: { line: number; column: number }) => `${section.file}:${p.line}:${p.column}`;
    const termsSeen = new Set<string>();
    for (const use of text.components) {
      if (use.name === 'LocatorMap') {
        if (!explainer.map && read('map'))
          problems.push(`${at(use)}: <LocatorMap /> needs a map file, ${files.folder}/map.yaml`);
        continue;
      }
      if (!use.id) {
        problems.push(`${at(use)}: <${use.name}> needs an id="…"`);
        continue;
      }
      if (use.name === 'Person' && read('people') && !personIds.includes(use.id)) {
        problems.push(
          `${at(use)}: <Person id="${use.id}"> has no card in ${files.folder}/whos-who.yaml; use one of: ${list(personIds)}`,
        );
      }
      if (use.name === 'Term' && read('terms')) {
        if (!termIds.includes(use.id)) {
          problems.push(
            `${at(use)}: <Term id="${use.id}"> is not defined in ${files.folder}/glossary.yaml; use one of: ${list(termIds)}`,
          );
        } else if (termsSeen.has(use.id)) {
          problems.push(
            `${at(use)}: <Term id="${use.id}"> is used twice; mark only its first mention in the section`,
          );
        }
        termsSeen.add(use.id);
      }
      if (use.name === 'ShareChart' && read('charts') && !chartIds.includes(use.id)) {
        problems.push(
          `${at(use)}: <ShareChart id="${use.id}"> has no data file ${files.folder}/charts/${use.id}.yaml; charts there: ${list(chartIds)}`,
        );
      }
    }
    for (const link of text.siteLinks) {
      const problem = linkProblem(link.url, explainer, all, link.image, partlyRead);
      if (problem) problems.push(`${at(link)}: the ${link.image ? 'image' : 'link'} ${problem}`);
    }
    // The numbered source list is built from explainer.yaml; a footnote citing anything else
    // would leave a source out of it.
    for (const footnote of text.footnoteUrls) {
      if (read('sources') && !sourceUrls.includes(footnote.url)) {
        problems.push(
          `${at(footnote)}: a footnote links ${footnote.url}, which is not the url of any source in ${files.explainer}; add the source there`,
        );
      }
    }
  }
  return problems;
}
