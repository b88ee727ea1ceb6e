/**
 * Rules that span files, which a per-file schema cannot see. Each problem names the file and
 * the field, in words an editor can act on; the content module stops the build on any.
 */

export interface SectionFile {
  filePath: string;
  slug: string;
  order: number;
  oldSlugs?: string[];
  /** Link targets in the text that point into the site ("#slug", "/story/#slug", "/story/slug/"). */
  links?: string[];
}

/** The link targets in Markdown text that point at this site rather than elsewhere. */
export function internalLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(\s*((?:#|\/)[^)\s]*)/g)].map((match) => match[1]!);
}

export interface EventRef {
  /** "<explainer>/<slug>", as written in timeline.yaml. */
  section: string;
  source?: string;
  date: string;
  endDate?: string;
}

export interface ExplainerFiles {
  id: string;
  explainerFile: string;
  sections: SectionFile[];
  timelineFile?: string;
  events: EventRef[];
  sourceIds: string[];
}

/** Lists every cross-file problem in one explainer; an empty list means it can be published. */
export function findProblems(files: ExplainerFiles): string[] {
  const problems: string[] = [];
  if (files.sections.length === 0) {
    problems.push(`${files.explainerFile}: the explainer has no sections; add sections/NN-<slug>.mdx files`);
  }

  const byOrder = new Map<number, SectionFile>();
  const bySlug = new Map<string, SectionFile>();
  for (const section of files.sections) {
    const sameOrder = byOrder.get(section.order);
    if (sameOrder) {
      problems.push(
        `${section.filePath}: field "order" is ${section.order}, the same as in ${sameOrder.filePath}; give each section its own order`,
      );
    } else byOrder.set(section.order, section);
    const sameSlug = bySlug.get(section.slug);
    if (sameSlug) {
      problems.push(
        `${section.filePath}: field "slug" is "${section.slug}", the same as in ${sameSlug.filePath}; slugs must be unique`,
      );
    } else bySlug.set(section.slug, section);
  }

  // An old slug keeps shared links alive, so it must not name another section now or before.
  const oldOwners = new Map<string, SectionFile>();
  for (const section of files.sections) {
    for (const old of section.oldSlugs ?? []) {
      const current = bySlug.get(old);
      const earlier = oldOwners.get(old);
      if (current) {
        problems.push(`${section.filePath}: field "oldSlugs" has "${old}", the slug of ${current.filePath}`);
      } else if (earlier) {
        problems.push(
          `${section.filePath}: field "oldSlugs" has "${old}", also an old slug in ${earlier.filePath}`,
        );
      } else oldOwners.set(old, section);
    }
  }

  // Links in the text to a section of this explainer must find it (old slugs still count).
  const anchors = new Set([...bySlug.keys(), ...oldOwners.keys()]);
  for (const section of files.sections) {
    for (const link of section.links ?? []) {
      const match = /^(?:\/([^/#]+)\/)?#?([^/#]*)\/?$/.exec(link.replace(/^\/([^/#]+)\/#/, '/$1/'));
      const [, explainer, target] = match ?? [];
      if (explainer !== undefined && explainer !== files.id) continue;
      if (!target || !anchors.has(target)) {
        problems.push(
          `${section.filePath}: the link "${link}" points to no section of this explainer; use one of: ${[...bySlug.keys()].map((s) => `#${s}`).join(', ')}`,
        );
      }
    }
  }

  if (files.timelineFile === undefined) {
    problems.push(`${files.explainerFile}: the explainer has no timeline.yaml beside it`);
    return problems;
  }
  const known = [...bySlug.keys()].map((slug) => `${files.id}/${slug}`);
  files.events.forEach((event, index) => {
    const where = `${files.timelineFile}: events[${index}]`;
    if (!known.includes(event.section)) {
      problems.push(
        `${where}.section "${event.section}" is not a section of this explainer; use one of: ${known.join(', ')}`,
      );
    }
    if (event.source !== undefined && !files.sourceIds.includes(event.source)) {
      problems.push(
        `${where}.source "${event.source}" is not a source id in ${files.explainerFile}; use one of: ${files.sourceIds.join(', ')}`,
      );
    }
    if (event.endDate !== undefined && event.endDate < event.date) {
      problems.push(`${where}.endDate "${event.endDate}" is before its date "${event.date}"`);
    }
  });
  return problems;
}

/** Thrown when content breaks a cross-file rule; its message lists every problem. */
export class ContentError extends Error {
  constructor(problems: string[]) {
    super(`Content problems stop the build:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

/** A component the text uses and the id it asks for: <Term id="doha-agreement">. */
export interface ComponentUse {
  name: string;
  id: string | undefined;
}

/** The explanatory components a section's MDX uses, in order of appearance. */
export function componentUses(markdown: string): ComponentUse[] {
  return [...markdown.matchAll(/<(Person|Term|ShareChart|LocatorMap)\b([^>]*)>/g)].map((match) => ({
    name: match[1]!,
    id: /\bid="([^"]*)"/.exec(match[2]!)?.[1],
  }));
}

/** The links inside footnote definitions ("[^1]: Outlet, date. [host](url)"). */
export function footnoteUrls(markdown: string): string[] {
  return [...markdown.matchAll(/^\[\^[^\]]+\]:.*$/gm)].flatMap((line) =>
    [...line[0].matchAll(/\]\((https?:[^)\s]+)\)/g)].map((match) => match[1]!),
  );
}

export interface ApparatusFiles {
  explainerFile: string;
  sourceIds: string[];
  sourceUrls: string[];
  /** Each data entry that cites sources: where it is ("whos-who.yaml: people[2]") and its ids. */
  citations: { where: string; sources: string[] }[];
  people: { file: string; ids: string[] };
  terms: { file: string; ids: string[] };
  charts: { folder: string; ids: string[]; sums: { file: string; percent: number }[] };
  map: { file: string; exists: boolean };
  sections: { filePath: string; body: string }[];
}

const listOf = (ids: string[]) => (ids.length > 0 ? ids.join(', ') : 'none yet');

/**
 * Problems with the who's who, glossary, charts and map, and with their use in the text:
 * a mention of someone with no card, a term with no definition, a cited source that is not in
 * the numbered list. Each names the file and what to change.
 */
export function findApparatusProblems(files: ApparatusFiles): string[] {
  const problems: string[] = [];
  for (const { where, sources } of files.citations) {
    for (const id of sources) {
      if (!files.sourceIds.includes(id)) {
        problems.push(
          `${where}.sources "${id}" is not a source id in ${files.explainerFile}; use one of: ${files.sourceIds.join(', ')}`,
        );
      }
    }
  }
  for (const { file, ids } of [files.people, files.terms]) {
    for (const repeated of new Set(ids.filter((id, index) => ids.indexOf(id) !== index))) {
      problems.push(`${file}: the id "${repeated}" is used twice; each entry needs its own`);
    }
  }
  for (const { file, percent } of files.charts.sums) {
    if (percent > 100) problems.push(`${file}: the parts add up to ${percent} per cent, more than 100`);
  }

  for (const section of files.sections) {
    const at = section.filePath;
    const termsSeen = new Set<string>();
    for (const { name, id } of componentUses(section.body)) {
      if (name === 'LocatorMap') {
        if (!files.map.exists) problems.push(`${at}: <LocatorMap /> needs a map file, ${files.map.file}`);
        continue;
      }
      if (!id) {
        problems.push(`${at}: <${name}> has no id="…"`);
        continue;
      }
      if (name === 'Person' && !files.people.ids.includes(id)) {
        problems.push(
          `${at}: <Person id="${id}"> has no card in ${files.people.file}; use one of: ${listOf(files.people.ids)}`,
        );
      }
      if (name === 'Term') {
        if (!files.terms.ids.includes(id)) {
          problems.push(
            `${at}: <Term id="${id}"> is not defined in ${files.terms.file}; use one of: ${listOf(files.terms.ids)}`,
          );
        } else if (termsSeen.has(id)) {
          problems.push(`${at}: <Term id="${id}"> is used twice; mark only its first mention in the section`);
        }
        termsSeen.add(id);
      }
      if (name === 'ShareChart' && !files.charts.ids.includes(id)) {
        problems.push(
          `${at}: <ShareChart id="${id}"> has no data file ${files.charts.folder}/${id}.yaml; charts there: ${listOf(files.charts.ids)}`,
        );
      }
    }
    // The numbered source list is built from explainer.yaml; a footnote citing anything else
    // would leave a source out of it.
    for (const url of footnoteUrls(section.body)) {
      if (!files.sourceUrls.includes(url)) {
        problems.push(
          `${at}: a footnote links ${url}, which is not the url of any source in ${files.explainerFile}; add the source there`,
        );
      }
    }
  }
  return problems;
}
