/**
 * What pages get from content: the explainers the content reader (src/lib/content/read.ts)
 * accepted, as plain data, with each section's rendered Content. Components never see
 * collection entries.
 */
import { getCollection, render } from 'astro:content';
import { sectionEntryId, type ExplainerEntry } from './lib/content/read';
import type { Change } from './lib/content/schemas';
import { formatPartialDate, toPartialDate } from './lib/dates';
import { sectionModified } from './lib/freshness';
import { hubsOf, relatedTo, topicsOf, type Hub, type HubKind, type Topic } from './lib/hubs';
import { topicSlug } from './lib/content/schemas';
import { buildTimeline, type Timeline } from './lib/timeline';

export type { Chart, MapData, Person, Term } from './lib/content/schemas';

type Source = ExplainerEntry['sources'][number];

/** A change log entry as pages show it. */
export interface ChangeEntry extends Change {
  /** "Correction", "Clarification" or "Update". */
  label: string;
  dateLabel: string;
  /** Where the entry is listed on the explainer page, for links to it. */
  anchor: string;
}

export interface Section {
  slug: string;
  /** Slugs before a rename, kept as fragment aliases and redirects. */
  oldSlugs: string[];
  title: string;
  summary: string;
  order: number;
  later: boolean;
  /** The change log's entries that touch this section, newest first. */
  changes: ChangeEntry[];
  /** The day this section last changed: its newest change, else the report date. */
  modified: string;
  /** The rendered text; absent while the explainer has problems (dev only), as it may hold code. */
  Content?: Awaited<ReturnType<typeof render>>['Content'];
}

export interface Explainer extends Pick<
  ExplainerEntry,
  | 'id'
  | 'title'
  | 'dek'
  | 'draft'
  | 'keyPoints'
  | 'people'
  | 'terms'
  | 'charts'
  | 'map'
  | 'mapFile'
  | 'problems'
> {
  reportDate: { iso: string; label: string };
  updated: { iso: string; label: string };
  sources: (Source & { dateLabel: string })[];
  sections: Section[];
  timeline: Timeline;
  /** Corrections, clarifications and updates, newest first. */
  changes: ChangeEntry[];
  /** Its topics as written, each with its page's slug. */
  topics: { name: string; slug: string }[];
  /** The ids of its people and terms that have a hub page (another story defines them too). */
  hubs: Record<HubKind, string[]>;
  /** Up to three other explainers sharing most with it (src/lib/hubs.ts). */
  related: RelatedExplainer[];
}

export interface RelatedExplainer {
  id: string;
  title: string;
  reportDate: { iso: string; label: string };
}

/**
 * The explainers as the content reader gave them, unrendered: enough for the pages that list
 * stories (topics, hubs), which need no section text.
 */
export async function loadStories(): Promise<ExplainerEntry[]> {
  return (await getCollection('explainers')).map(({ data }) => data);
}

export async function loadTopics(): Promise<Topic<ExplainerEntry>[]> {
  return topicsOf(await loadStories());
}

export async function loadHubs(kind: HubKind): Promise<Hub<ExplainerEntry>[]> {
  return hubsOf(await loadStories(), kind);
}

export const dateOf = (iso: string) => ({ iso, label: iso ? formatPartialDate(toPartialDate(iso)) : '' });

/**
 * Every explainer to show, newest report first (then by title). A build has stopped already on
 * any problem; in `npm run dev` an explainer with problems comes back with them listed and its
 * sections unrendered, so its pages can show what to fix while the others serve.
 */
export async function loadExplainers(): Promise<Explainer[]> {
  const [entries, files] = await Promise.all([getCollection('explainers'), getCollection('sections')]);
  const stories = entries.map(({ data }) => data);
  const hubIds = (kind: HubKind) => hubsOf(stories, kind).map((hub) => hub.id);
  const hubs = { people: hubIds('people'), terms: hubIds('terms') };
  const explainers = await Promise.all(
    entries.map(async ({ data }): Promise<Explainer> => {
      const broken = data.problems.length > 0;
      // Newest first; entries of one day keep the order they were written in.
      const changes = data.changes
        .map((change, index) => ({
          ...change,
          label: change.kind.charAt(0).toUpperCase() + change.kind.slice(1),
          dateLabel: dateOf(change.date).label,
          anchor: `change-${index + 1}`,
        }))
        .sort((a, b) => b.date.localeCompare(a.date));
      const sections = await Promise.all(
        data.sections.map(async (section) => {
          const file = files.find((f) => f.id === sectionEntryId(`${data.id}/${section.path}`));
          // A broken explainer's text is never rendered: it may hold code the checks refused.
          const Content = file && !broken ? (await render(file)).Content : undefined;
          return {
            slug: section.slug,
            oldSlugs: section.oldSlugs,
            title: section.title,
            summary: section.summary,
            order: section.order,
            later: section.later,
            changes: changes.filter((change) => change.sections.includes(section.slug)),
            modified: sectionModified(data.changes, section.slug, data.reportDate),
            Content,
          };
        }),
      );
      return {
        id: data.id,
        title: data.title,
        dek: data.dek,
        draft: data.draft,
        reportDate: dateOf(data.reportDate),
        updated: dateOf(data.updated),
        keyPoints: data.keyPoints,
        sources: data.sources.map((source) => ({
          ...source,
          dateLabel: formatPartialDate(toPartialDate(source.date)),
        })),
        sections,
        changes,
        timeline: data.reportDate ? buildTimeline(data.events, data.reportDate) : { before: [], after: [] },
        people: data.people,
        terms: data.terms,
        charts: data.charts,
        map: data.map,
        mapFile: data.mapFile,
        problems: data.problems,
        topics: data.topics.map((name) => ({ name, slug: topicSlug(name) })),
        hubs: {
          people: data.people.flatMap((p) => (hubs.people.includes(p.id) ? [p.id] : [])),
          terms: data.terms.flatMap((t) => (hubs.terms.includes(t.id) ? [t.id] : [])),
        },
        related: relatedTo(data, stories).map((other) => ({
          id: other.id,
          title: other.title,
          reportDate: dateOf(other.reportDate),
        })),
      };
    }),
  );
  return explainers.sort(
    (a, b) => b.reportDate.iso.localeCompare(a.reportDate.iso) || a.title.localeCompare(b.title),
  );
}
