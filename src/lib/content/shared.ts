/**
 * Rules across explainers: what stories share must mean one thing. A topic is one page, so it is
 * spelt one way; a person's or a term's id is one hub page (src/lib/hubs.ts), so it is one name.
 * Only published stories are compared with each other; a draft is compared with them, and what it
 * gets wrong is its own problem, so a draft never stops the build of the published site.
 */
import type { Person, Term } from './schemas.ts';
import { topicSlug } from './schemas.ts';

export interface SharedFacts {
  id: string;
  draft: boolean;
  topics: string[];
  people: Person[];
  terms: Term[];
  /** "folder/explainer.yaml:12": where a topic, or a field of a person or term, is written. */
  topicAt: (index: number) => string;
  personAt: (index: number, field: string) => string;
  termAt: (index: number, field: string) => string;
}

/** Problems (stop publication) and warnings (worth fixing) per explainer id. */
export function sharedProblems(all: SharedFacts[]): Map<string, { problems: string[]; warnings: string[] }> {
  const published = all.filter((e) => !e.draft);
  const result = new Map(all.map((e) => [e.id, { problems: [] as string[], warnings: [] as string[] }]));
  for (const story of all) {
    const { problems, warnings } = result.get(story.id)!;
    const others = published.filter((other) => other.id !== story.id);
    story.topics.forEach((name, index) => {
      for (const other of others) {
        const at = other.topics.findIndex((o) => topicSlug(o) === topicSlug(name) && o !== name);
        if (at >= 0)
          problems.push(
            `${story.topicAt(index)}: topic ${index + 1} "${name}" is written "${other.topics[at]}" in ${other.topicAt(at)}; one topic has one page and one name: spell it the same in both`,
          );
      }
    });
    compare(story, others, 'person', (e) => e.people, (e) => e.personAt, ['name', 'about'], problems, warnings);
    compare(story, others, 'term', (e) => e.terms, (e) => e.termAt, ['term', 'definition'], problems, warnings);
  }
  return result;
}

/**
 * One id is one person (or term) on one hub page: its name must agree in every story. The
 * description may differ (each card tells it as of its own story's report date), but a difference
 * is more often one copy corrected and the other not, so the editor is warned; the hub page shows
 * the newest story's.
 */
function compare(
  story: SharedFacts,
  others: SharedFacts[],
  kind: 'person' | 'term',
  entriesOf: (e: SharedFacts) => (Person | Term)[],
  atOf: (e: SharedFacts) => (index: number, field: string) => string,
  [nameField, textField]: [string, string],
  problems: string[],
  warnings: string[],
) {
  entriesOf(story).forEach((entry, index) => {
    const mine = entry as unknown as Record<string, string>;
    const label = `${kind} ${index + 1} ("${entry.id}")`;
    for (const other of others) {
      const otherIndex = entriesOf(other).findIndex((o) => o.id === entry.id);
      if (otherIndex < 0) continue;
      const theirs = entriesOf(other)[otherIndex] as unknown as Record<string, string>;
      if (mine[nameField] !== theirs[nameField]) {
        problems.push(
          `${atOf(story)(index, nameField)}: ${label}, field "${nameField}": "${mine[nameField]}", but "${theirs[nameField]}" in ${atOf(other)(otherIndex, nameField)}; one id is one ${kind} on one page: write the same ${nameField}, or give a different ${kind} another id`,
        );
      } else if (mine[textField] !== theirs[textField]) {
        warnings.push(
          `${atOf(story)(index, textField)}: warning: ${label}, field "${textField}" differs from ${atOf(other)(otherIndex, textField)}; if it is the same fact, copy one text into both (the ${kind}'s page shows the newest story's); keep yours only if it tells it as of this story's report date`,
        );
      }
    }
  });
}
