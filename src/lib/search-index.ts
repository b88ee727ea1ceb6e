/**
 * The site search's index, written by Pagefind (https://pagefind.app, the library Starlight uses)
 * into `<output>/pagefind/` at the end of every build: static files the search page fetches a
 * chunk at a time, no server and no third party.
 *
 * What is indexed, one result each:
 * - every section, from its own built page: the page marks the section `data-pagefind-body` and
 *   its heading as the result's title (src/pages/[explainer]/[section].astro); the other
 *   spellings (`aliases`) of the people and terms a section mentions ride on their links as an
 *   indexed attribute, so a section is found by any spelling of a name in it;
 * - every explainer (title, dek, key points), topic (its name and stories), person (name, other
 *   spellings, role, about) and glossary term (term, other spellings, definition), as records of
 *   their own: a person or term more than one story defines points at its hub page
 *   (/people/<id>/, /terms/<id>/), any other at its card or entry on the explainer page.
 *
 * URLs are written without the base path: Pagefind's script prefixes the folder it is loaded
 * from, so one index serves a domain root and a subpath alike.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { ExplainerEntry } from './content/read.ts';
import type { Person, Term } from './content/schemas.ts';
import { hubsOf, topicsOf, type Hub, type Story } from './hubs.ts';
import { SEARCH_INDEX_DIR } from './host-files.ts';

/** What each result is, as the search page labels it (the `kind` meta field). */
export const RESULT_KINDS = {
  section: 'Section',
  explainer: 'Explainer',
  person: 'Who’s who',
  term: 'Glossary',
  topic: 'Topic',
} as const;

/**
 * Pagefind writes its own search interfaces beside the index; the search page uses its plain
 * API (pagefind.js and its worker) with markup of the site's own, so these are left out.
 */
const UNUSED = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

/** "Also written A, B." for a record's text, or nothing. */
const alsoWritten = (aliases: string[]) => (aliases.length ? ` Also written ${aliases.join(', ')}.` : '');

type Indexed = Story & Pick<ExplainerEntry, 'dek' | 'keyPoints'>;

const personText = (person: Person) =>
  `${person.name}, ${person.role}. ${person.about}${alsoWritten(person.aliases)}`;
const termText = (term: Term) => `${term.term}: ${term.definition}${alsoWritten(term.aliases)}`;

/**
 * The records that are not section pages: each explainer and topic; each person and term once,
 * at their hub page when more than one story defines them (with every story's other spellings),
 * else at their card or entry on the explainer page.
 */
export function searchRecords(explainers: Indexed[]): pagefind.CustomRecord[] {
  const record = (url: string, content: string, meta: Record<string, string>) => ({
    url,
    content,
    language: 'en',
    meta,
  });
  const hubs = { people: hubsOf(explainers, 'people'), terms: hubsOf(explainers, 'terms') };
  const hubbed = {
    people: new Set(hubs.people.map((h) => h.id)),
    terms: new Set(hubs.terms.map((h) => h.id)),
  };
  const allAliases = (hub: Hub) => [...new Set(hub.mentions.flatMap((m) => m.entry.aliases))];
  const storiesOf = (hub: Hub) => `In ${hub.mentions.length} explainers.`;
  return [
    ...explainers.flatMap((explainer) => {
      const common = { explainer: explainer.title, date: explainer.reportDate };
      return [
        record(`/${explainer.id}/`, [explainer.title, explainer.dek, ...explainer.keyPoints].join(' '), {
          title: explainer.title,
          kind: RESULT_KINDS.explainer,
          ...common,
        }),
        ...explainer.people
          .filter((person) => !hubbed.people.has(person.id))
          .map((person) =>
            record(`/${explainer.id}/#who-${person.id}`, personText(person), {
              title: person.name,
              kind: RESULT_KINDS.person,
              ...common,
            }),
          ),
        ...explainer.terms
          .filter((term) => !hubbed.terms.has(term.id))
          .map((term) =>
            record(`/${explainer.id}/#term-${term.id}`, termText(term), {
              title: term.term,
              kind: RESULT_KINDS.term,
              ...common,
            }),
          ),
      ];
    }),
    ...hubs.people.map((hub) =>
      record(`/people/${hub.id}/`, personText({ ...(hub.newest as Person), aliases: allAliases(hub) }), {
        title: hub.name,
        kind: RESULT_KINDS.person,
        explainer: storiesOf(hub),
      }),
    ),
    ...hubs.terms.map((hub) =>
      record(`/terms/${hub.id}/`, termText({ ...(hub.newest as Term), aliases: allAliases(hub) }), {
        title: hub.name,
        kind: RESULT_KINDS.term,
        explainer: storiesOf(hub),
      }),
    ),
    ...topicsOf(explainers).map((topic) =>
      record(
        `/topics/${topic.slug}/`,
        `${topic.name}: ${topic.stories.map((story) => story.title).join('. ')}`,
        {
          title: topic.name,
          kind: RESULT_KINDS.topic,
          explainer: `${topic.stories.length} explainer${topic.stories.length === 1 ? '' : 's'}`,
        },
      ),
    ),
  ];
}

/** Throws with Pagefind's own messages when a call reports errors. */
function check<T extends { errors: string[] }>(what: string, response: T): T {
  if (response.errors.length) throw new Error(`Pagefind could not ${what}:\n${response.errors.join('\n')}`);
  return response;
}

/**
 * Indexes the built site in `outDir` (its section pages and the records above) and writes the
 * index to `outDir/pagefind/`. Pagefind runs as a child process (its own binary, from the
 * @pagefind/<platform> package), reads nothing outside `outDir` and writes nothing outside it.
 * Returns how many pages and records were indexed.
 */
export async function writeSearchIndex(outDir: string, explainers: Indexed[]): Promise<number> {
  const output = path.join(outDir, SEARCH_INDEX_DIR);
  rmSync(output, { recursive: true, force: true });
  try {
    // One language for everything: the pages are en-GB, the records carry other scripts' names
    // too, and a reader's query must meet all of them in one index.
    const { index } = check('start', await pagefind.createIndex({ forceLanguage: 'en' }));
    if (!index) throw new Error('Pagefind started no index');
    // Section pages only: <story>/<section>/index.html (renamed sections' redirect pages there
    // have no data-pagefind-body, and are left out).
    const { page_count } = check(
      'index the section pages',
      await index.addDirectory({ path: outDir, glob: '*/*/index.html' }),
    );
    const records = searchRecords(explainers);
    for (const record of records) check(`index ${record.url}`, await index.addCustomRecord(record));
    check('write the index', await index.writeFiles({ outputPath: output }));
    for (const file of readdirSync(output)) if (UNUSED.test(file)) rmSync(path.join(output, file));
    return page_count + records.length;
  } finally {
    await pagefind.close();
  }
}
