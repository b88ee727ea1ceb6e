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
