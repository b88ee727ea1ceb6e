/**
 * The one module that queries content collections. It checks the rules that span files,
 * then hands pages plain data (plus each section's rendered Content), so components never
 * see collection entries.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { formatPartialDate, toPartialDate } from './lib/dates';
import { buildTimeline, type Timeline } from './lib/timeline';
import { ContentError, findApparatusProblems, findProblems, internalLinks } from './lib/validate';

type Source = CollectionEntry<'explainers'>['data']['sources'][number];
export type Person = CollectionEntry<'people'>['data']['people'][number];
export type Term = CollectionEntry<'glossaries'>['data']['terms'][number];
export type Chart = CollectionEntry<'charts'>['data'];
export type MapData = CollectionEntry<'maps'>['data'];

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
  /** The who's who cards, in the order of whos-who.yaml. */
  people: Person[];
  /** The glossary, in the order of glossary.yaml. */
  terms: Term[];
  /** Chart data by file name (charts/district-control.yaml → "district-control"). */
  charts: Record<string, Chart>;
  map: MapData | undefined;
  /** map.yaml's path, for errors found while drawing it. */
  mapFile: string | undefined;
}

/** "story/district-control" → "district-control". */
const chartName = (id: string) => id.slice(id.indexOf('/') + 1);

const dateOf = (iso: string) => ({ iso, label: formatPartialDate(toPartialDate(iso)) });

/** Loads every explainer, newest report first; throws a ContentError listing all problems. */
export async function loadExplainers(): Promise<Explainer[]> {
  const [explainers, sections, timelines, people, glossaries, charts, maps] = await Promise.all([
    getCollection('explainers'),
    getCollection('sections'),
    getCollection('timelines'),
    getCollection('people'),
    getCollection('glossaries'),
    getCollection('charts'),
    getCollection('maps'),
  ]);

  const problems: string[] = [];
  const loaded = await Promise.all(
    explainers.map(async (entry) => {
      const own = sections
        .filter((section) => section.id.startsWith(`${entry.id}/`))
        .sort((a, b) => a.data.order - b.data.order || (a.filePath ?? '').localeCompare(b.filePath ?? ''));
      const timeline = timelines.find((t) => t.id === entry.id);
      const explainerFile = entry.filePath ?? `${entry.id}/explainer.yaml`;
      const folder = explainerFile.replace(/explainer\.yaml$/, '');
      const sourceIds = entry.data.sources.map((source) => source.id);
      const cast = people.find((p) => p.id === entry.id);
      const glossary = glossaries.find((g) => g.id === entry.id);
      const ownCharts = charts.filter((c) => c.id.startsWith(`${entry.id}/`));
      const map = maps.find((m) => m.id === entry.id);
      const events = (timeline?.data.events ?? []).map((event) => ({
        ...event,
        section: event.section.id,
      }));
      problems.push(
        ...findProblems({
          id: entry.id,
          explainerFile,
          sections: own.map((s) => ({
            filePath: s.filePath ?? s.id,
            slug: s.data.slug,
            order: s.data.order,
            oldSlugs: s.data.oldSlugs,
            links: internalLinks(s.body ?? ''),
          })),
          timelineFile: timeline?.filePath,
          events,
          sourceIds,
        }),
        ...findApparatusProblems({
          explainerFile,
          sourceIds,
          sourceUrls: entry.data.sources.flatMap((source) => (source.url ? [source.url] : [])),
          citations: [
            ...(cast?.data.people ?? []).map((person, index) => ({
              where: `${cast!.filePath}: people[${index}]`,
              sources: person.sources,
            })),
            ...(glossary?.data.terms ?? []).map((term, index) => ({
              where: `${glossary!.filePath}: terms[${index}]`,
              sources: term.sources,
            })),
            ...ownCharts.map((chart) => ({
              where: `${chart.filePath}: source`,
              sources: [chart.data.source],
            })),
          ],
          people: { file: `${folder}whos-who.yaml`, ids: (cast?.data.people ?? []).map((p) => p.id) },
          terms: { file: `${folder}glossary.yaml`, ids: (glossary?.data.terms ?? []).map((t) => t.id) },
          charts: {
            folder: `${folder}charts`,
            ids: ownCharts.map((chart) => chartName(chart.id)),
            sums: ownCharts.map((chart) => ({
              file: chart.filePath ?? chart.id,
              percent: chart.data.parts.reduce((sum, part) => sum + part.value, 0),
            })),
          },
          map: { file: `${folder}map.yaml`, exists: map !== undefined },
          sections: own.map((s) => ({ filePath: s.filePath ?? s.id, body: s.body ?? '' })),
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
        people: cast?.data.people ?? [],
        terms: glossary?.data.terms ?? [],
        charts: Object.fromEntries(ownCharts.map((chart) => [chartName(chart.id), chart.data])),
        map: map?.data,
        mapFile: map?.filePath,
      };
    }),
  );

  // Sections and timelines whose folder has no explainer.yaml would silently vanish.
  for (const orphan of [...sections, ...timelines, ...people, ...glossaries, ...charts, ...maps]) {
    const folder = orphan.id.split('/')[0];
    if (!explainers.some((entry) => entry.id === folder)) {
      problems.push(`${orphan.filePath ?? orphan.id}: there is no explainer.yaml in its folder "${folder}"`);
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  return loaded.sort((a, b) => b.reportDate.iso.localeCompare(a.reportDate.iso));
}
