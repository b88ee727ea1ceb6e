/**
 * The one module that queries content collections. It checks the rules that span files,
 * then hands pages plain data (plus each section's rendered Content), so components never
 * see collection entries.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { formatPartialDate, toPartialDate } from './lib/dates';
import { buildTimeline, type Timeline } from './lib/timeline';
import { ContentError, findProblems, internalLinks } from './lib/validate';

type Source = CollectionEntry<'explainers'>['data']['sources'][number];

export interface Section {
  slug: string;
  /** Slugs before a rename, kept as fragment aliases and redirects. */
  oldSlugs: string[];
  title: string;
  summary: string;
  order: number;
  later: boolean;
  Content: Awaited<ReturnType<typeof render>>['Content'];
}

export interface Explainer {
  /** The folder name; also the URL path. */
  id: string;
  title: string;
  dek: string;
  reportDate: { iso: string; label: string };
  updated: { iso: string; label: string };
  keyPoints: string[];
  sources: (Source & { dateLabel: string })[];
  sections: Section[];
  timeline: Timeline;
}

const dateOf = (iso: string) => ({ iso, label: formatPartialDate(toPartialDate(iso)) });

/** Loads every explainer, newest report first; throws a ContentError listing all problems. */
export async function loadExplainers(): Promise<Explainer[]> {
  const [explainers, sections, timelines] = await Promise.all([
    getCollection('explainers'),
    getCollection('sections'),
    getCollection('timelines'),
  ]);

  const problems: string[] = [];
  const loaded = await Promise.all(
    explainers.map(async (entry) => {
      const own = sections
        .filter((section) => section.id.startsWith(`${entry.id}/`))
        .sort((a, b) => a.data.order - b.data.order || (a.filePath ?? '').localeCompare(b.filePath ?? ''));
      const timeline = timelines.find((t) => t.id === entry.id);
      const events = (timeline?.data.events ?? []).map((event) => ({
        ...event,
        section: event.section.id,
      }));
      problems.push(
        ...findProblems({
          id: entry.id,
          explainerFile: entry.filePath ?? `${entry.id}/explainer.yaml`,
          sections: own.map((s) => ({
            filePath: s.filePath ?? s.id,
            slug: s.data.slug,
            order: s.data.order,
            oldSlugs: s.data.oldSlugs,
            links: internalLinks(s.body ?? ''),
          })),
          timelineFile: timeline?.filePath,
          events,
          sourceIds: entry.data.sources.map((source) => source.id),
        }),
      );
      return {
        id: entry.id,
        title: entry.data.title,
        dek: entry.data.dek,
        reportDate: dateOf(entry.data.reportDate),
        updated: dateOf(entry.data.updated),
        keyPoints: entry.data.keyPoints,
        sources: entry.data.sources.map((source) => ({
          ...source,
          dateLabel: formatPartialDate(toPartialDate(source.date)),
        })),
        sections: await Promise.all(
          own.map(async (section) => ({
            ...section.data,
            Content: (await render(section)).Content,
          })),
        ),
        timeline: buildTimeline(
          events.map((event) => ({ ...event, section: event.section.slice(entry.id.length + 1) })),
          entry.data.reportDate,
        ),
      };
    }),
  );

  // Sections and timelines whose folder has no explainer.yaml would silently vanish.
  for (const orphan of [...sections, ...timelines]) {
    const folder = orphan.id.split('/')[0];
    if (!explainers.some((entry) => entry.id === folder)) {
      problems.push(`${orphan.filePath ?? orphan.id}: there is no explainer.yaml in its folder "${folder}"`);
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  return loaded.sort((a, b) => b.reportDate.iso.localeCompare(a.reportDate.iso));
}
