/**
 * When each page last changed, from the change log: a section's page changes when a logged
 * change touches it, an explainer's page whenever its `updated` day says. One rule for the
 * pages' JSON-LD (dateModified) and the sitemap's lastmod.
 */
import type { Change } from './content/schemas.ts';
import { hubsOf, topicsOf, type Story } from './hubs.ts';

/** The day a section last changed: its newest logged change, else the report date. */
export function sectionModified(
  changes: Pick<Change, 'date' | 'sections'>[],
  slug: string,
  reportDate: string,
): string {
  return changes
    .filter((change) => change.sections.includes(slug))
    .reduce((newest, change) => (change.date > newest ? change.date : newest), reportDate);
}

interface Published extends Story {
  changes: Pick<Change, 'date' | 'sections'>[];
}

/** The newest `updated` day of some stories: a page listing them changes when one of them does. */
const newestUpdate = (stories: Story[]) =>
  stories
    .map((e) => e.updated)
    .sort()
    .at(-1);

/**
 * Each page's path below the base ("/", "/story/", "/story/slug/", "/topics/…", "/people/…") and
 * the day it last changed.
 */
export function pageDates(explainers: Published[]): Map<string, string> {
  const dates = new Map<string, string>();
  for (const explainer of explainers) {
    dates.set(`/${explainer.id}/`, explainer.updated);
    for (const { slug } of explainer.sections) {
      dates.set(`/${explainer.id}/${slug}/`, sectionModified(explainer.changes, slug, explainer.reportDate));
    }
  }
  const topics = topicsOf(explainers);
  for (const topic of topics) dates.set(`/topics/${topic.slug}/`, newestUpdate(topic.stories)!);
  for (const kind of ['people', 'terms'] as const) {
    for (const hub of hubsOf(explainers, kind))
      dates.set(`/${kind}/${hub.id}/`, newestUpdate(hub.mentions.map((m) => m.story))!);
  }
  const newest = newestUpdate(explainers);
  if (newest) dates.set('/', newest).set('/topics/', newest);
  return dates;
}
