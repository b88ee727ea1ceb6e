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
 * - every explainer (title, dek, key points), person (name, other spellings, role, about) and
 *   glossary term (term, other spellings, definition), as records of their own, pointing at the
 *   explainer page and its #who-… and #term-… anchors.
 *
 * URLs are written without the base path: Pagefind's script prefixes the folder it is loaded
 * from, so one index serves a domain root and a subpath alike.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { ExplainerEntry } from './content/read.ts';
import { SEARCH_INDEX_DIR } from './host-files.ts';

/** What each result is, as the search page labels it (the `kind` meta field). */
export const RESULT_KINDS = {
  section: 'Section',
  explainer: 'Explainer',
  person: 'Who’s who',
  term: 'Glossary',
} as const;

/**
 * Pagefind writes its own search interfaces beside the index; the search page uses its plain
 * API (pagefind.js and its worker) with markup of the site's own, so these are left out.
 */
const UNUSED = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

/** "Also written A, B." for a record's text, or nothing. */
const alsoWritten = (aliases: string[]) => (aliases.length ? ` Also written ${aliases.join(', ')}.` : '');

type Indexed = Pick<ExplainerEntry, 'id' | 'title' | 'dek' | 'keyPoints' | 'people' | 'terms' | 'reportDate'>;

/** The records that are not pages: each explainer, person and term. */
export function searchRecords(explainers: Indexed[]): pagefind.CustomRecord[] {
  return explainers.flatMap((explainer) => {
    const common = { explainer: explainer.title, date: explainer.reportDate };
    return [
      {
        url: `/${explainer.id}/`,
        content: [explainer.title, explainer.dek, ...explainer.keyPoints].join(' '),
        language: 'en',
        meta: { title: explainer.title, kind: RESULT_KINDS.explainer, ...common },
      },
      ...explainer.people.map((person) => ({
        url: `/${explainer.id}/#who-${person.id}`,
        content: `${person.name}, ${person.role}. ${person.about}${alsoWritten(person.aliases)}`,
        language: 'en',
        meta: { title: person.name, kind: RESULT_KINDS.person, ...common },
      })),
      ...explainer.terms.map((term) => ({
        url: `/${explainer.id}/#term-${term.id}`,
        content: `${term.term}: ${term.definition}${alsoWritten(term.aliases)}`,
        language: 'en',
        meta: { title: term.term, kind: RESULT_KINDS.term, ...common },
      })),
    ];
  });
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
