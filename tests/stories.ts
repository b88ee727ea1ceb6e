/**
 * The generated stories in the test build (tests/story-generator.ts), each made from the run's
 * story seed with the properties some test needs. A test of a behaviour names what it needs with
 * `storyWith({ ... })` and gets a story made with it, whatever the real content/ holds; the rest
 * of each story is random, so every run tries another shape. Kept small: every section of every
 * story is built twice per run (root and subpath), social cards included.
 */
import type { StoryOptions } from './story-generator';

export const GENERATED: Record<string, StoryOptions> = {
  // Every kind of apparatus, in a page several screens tall.
  'generated-explained': {
    sections: 6,
    paragraphs: 3,
    people: 3,
    terms: 3,
    charts: 1,
    map: true,
    tables: 1,
    tableColumns: 6,
    footnotes: true,
    renamed: true,
    scheduled: true,
    events: 12,
    // tests/fixtures/explainers/platform-check links here, to another explainer's section.
    names: { slugs: ['first-part-elsewhere'] },
    // Shares a topic, two people and a term with generated-short, a topic with generated-any.
    topics: ['Border talks', 'Harbour', 'Grain'],
    sharedPeople: 2,
    sharedTerms: 1,
    updatedLater: true,
  },
  // Story A of issue 20: five short sections, a renamed one, two people, two terms, few events
  // (so some sections have none); and a change log, whose notes sit at the top of short sections.
  'generated-short': {
    sections: 5,
    shortSections: true,
    renamed: true,
    people: 2,
    terms: 2,
    events: 2,
    changes: true,
    topics: ['Border talks'],
    sharedPeople: 1,
    sharedTerms: 1,
  },
  // Whatever the seed makes, kept to a modest size.
  'generated-any': { sections: 4, paragraphs: 2, events: 8, topics: ['Grain'], updatedLater: false },
  // Shares nothing with any story: no related explainers, no hub links.
  'generated-alone': { sections: 2, paragraphs: 1, events: 2, people: 1, terms: 1, topics: [] },
  // Short sections with little after them (no who's who, glossary or change log): the page ends
  // before the last sections reach a reading line a third of the way down (issue 20, finding 2).
  'generated-brief': {
    sections: 5,
    shortSections: true,
    people: 0,
    terms: 0,
    changes: false,
    charts: 0,
    tables: 0,
    map: false,
    events: 3,
  },
};

/** The seed each generated story is made from: the run's seed plus its place in the list. */
export const seedOf = (seed: number, id: string) => seed + Object.keys(GENERATED).indexOf(id);

/**
 * The path of a generated story made with (at least) these properties: numbers at least as
 * many, everything else equal. Throws when none is: add a story to GENERATED.
 */
export function storyWith(wanted: StoryOptions): string {
  return storiesWith(wanted)[0]!;
}

/** The paths of every generated story made with (at least) these properties; never none. */
export function storiesWith(wanted: StoryOptions): string[] {
  const found = Object.entries(GENERATED).filter(([, has]) =>
    Object.entries(wanted).every(([key, value]) => {
      const given = has[key as keyof StoryOptions];
      return typeof value === 'number' ? typeof given === 'number' && given >= value : given === value;
    }),
  );
  if (found.length === 0)
    throw new Error(
      `no generated story has ${JSON.stringify(wanted)}; add one to GENERATED in tests/stories.ts`,
    );
  return found.map(([id]) => `/${id}/`);
}

// The run's seed, handed to the tests by the global set-up: inject('storySeed').
declare module 'vitest' {
  export interface ProvidedContext {
    storySeed: number;
  }
}
