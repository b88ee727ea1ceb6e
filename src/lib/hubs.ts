/**
 * What stories share, worked out from the content alone, never from a hand-kept list: the topic
 * pages (explainer.yaml's `topics`), the hub pages of the people and terms that more than one
 * story defines (same id in whos-who.yaml or glossary.yaml), and each story's related explainers.
 * Pages, the sitemap and the tests all take them from here.
 */
import type { Person, Term } from './content/schemas.ts';
import { topicSlug } from './content/schemas.ts';

/** What these rules need of an explainer, as the content reader returns it. */
export interface Story {
  id: string;
  title: string;
  reportDate: string;
  updated: string;
  topics: string[];
  people: Person[];
  terms: Term[];
  sections: { slug: string; title: string; people: string[]; terms: string[] }[];
}

/** Newest report first, then by title: the order of every list of stories on the site. */
export const newestFirst = (a: Story, b: Story) =>
  b.reportDate.localeCompare(a.reportDate) || a.title.localeCompare(b.title);

export interface Topic<S extends Story = Story> {
  slug: string;
  /** As the newest story spells it (the content reader refuses two spellings). */
  name: string;
  /** Newest first. */
  stories: S[];
}

/** Every topic any story names, by name. */
export function topicsOf<S extends Story>(stories: S[]): Topic<S>[] {
  const topics = new Map<string, Topic<S>>();
  for (const story of [...stories].sort(newestFirst)) {
    for (const name of story.topics) {
      const slug = topicSlug(name);
      const topic = topics.get(slug) ?? { slug, name, stories: [] };
      topic.stories.push(story);
      topics.set(slug, topic);
    }
  }
  return [...topics.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

export type HubKind = 'people' | 'terms';

export interface Mention<S extends Story = Story> {
  story: S;
  /** The story's own card or entry: a role is as of that story's report date. */
  entry: Person | Term;
  /** The sections whose text names the person or marks the term, in order. */
  sections: S['sections'];
}

export interface Hub<S extends Story = Story> {
  id: string;
  /** The name (people) or the term (terms), the same in every story. */
  name: string;
  /** The newest story's card: its `about` or `definition` heads the page. */
  newest: Person | Term;
  /** Newest story first. */
  mentions: Mention<S>[];
}

/** A hub for every id that two or more stories define, by name. */
export function hubsOf<S extends Story>(stories: S[], kind: HubKind): Hub<S>[] {
  const byId = new Map<string, Mention<S>[]>();
  for (const story of [...stories].sort(newestFirst)) {
    for (const entry of story[kind]) {
      const sections = story.sections.filter((section) => section[kind].includes(entry.id));
      byId.set(entry.id, [...(byId.get(entry.id) ?? []), { story, entry, sections }]);
    }
  }
  return [...byId.entries()]
    .filter(([, mentions]) => mentions.length > 1)
    .map(([id, mentions]) => {
      const newest = mentions[0]!.entry;
      return { id, name: 'name' in newest ? newest.name : newest.term, newest, mentions };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/**
 * How much two stories share: 3 for each topic, 2 for each person, 1 for each term. A topic is
 * what the editor said the story is about; a person is more telling than a word explained.
 */
export function relatedness(a: Story, b: Story): number {
  const shared = (x: string[], y: string[]) => x.filter((item) => y.includes(item)).length;
  return (
    3 * shared(a.topics.map(topicSlug), b.topics.map(topicSlug)) +
    2 *
      shared(
        a.people.map((p) => p.id),
        b.people.map((p) => p.id),
      ) +
    shared(
      a.terms.map((t) => t.id),
      b.terms.map((t) => t.id),
    )
  );
}

/** At most MAX_RELATED stories sharing most with `story`, newest first among equals; none that share nothing. */
export const MAX_RELATED = 3;
export function relatedTo<S extends Story>(story: Story, stories: S[]): S[] {
  return stories
    .filter((other) => other.id !== story.id)
    .map((other) => ({ other, score: relatedness(story, other) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || newestFirst(a.other, b.other))
    .slice(0, MAX_RELATED)
    .map(({ other }) => other);
}
