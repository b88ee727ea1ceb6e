/**
 * What the search tests look for, taken from the generated stories (tests/stories.ts), never
 * from content/: a section's heading, and another spelling (`aliases`) of a person, with where
 * each must lead. Paths are without the base path, as the index stores them.
 */
import { publishedExplainers, readContentFile, readSections } from './content';
import { storyWith } from './stories';

export interface SearchSubject {
  query: string;
  /** The section page the query must find. */
  section: string;
  /** The explainer the section is in. */
  explainer: string;
}

/** The longest section heading of a generated story: every word of it is in that section. */
export function headingSubject(story = storyWith({ sections: 5 })): SearchSubject {
  const explainer = story.replaceAll('/', '');
  const section = readSections(explainer).reduce((a, b) => (b.title.length > a.title.length ? b : a));
  return { query: section.title, section: `/${explainer}/${section.slug}/`, explainer };
}

/**
 * A person of a generated story with another spelling, by that spelling: it must find the
 * person's card and the one section that names them (<Person id>), whose page shows neither.
 */
export function aliasSubject(story = storyWith({ people: 2 })): SearchSubject & {
  person: string;
  aliases: string[];
} {
  const explainer = story.replaceAll('/', '');
  const explainers = publishedExplainers();
  const entry = explainers.find((e) => e.id === explainer)!;
  // One of the story's own people: a person other stories define too is found at their hub page.
  const elsewhere = new Set(explainers.filter((e) => e !== entry).flatMap((e) => e.people.map((p) => p.id)));
  const person = entry.people.find((p) => p.aliases.length > 0 && !elsewhere.has(p.id))!;
  const section = entry.sections.find((s) =>
    readContentFile(explainer, s.path).includes(`<Person id="${person.id}">`),
  )!;
  return {
    query: person.aliases[0]!,
    aliases: person.aliases,
    section: `/${explainer}/${section.slug}/`,
    person: `/${explainer}/#who-${person.id}`,
    explainer,
  };
}
