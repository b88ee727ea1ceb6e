import path from 'node:path';
import { defineCollection } from 'astro:content';
import { glob, type LoaderContext } from 'astro/loaders';
import { z } from 'astro/zod';
import { CONTENT_DIR } from './lib/content-dir';
import { readContent, sectionEntryId, type ContentRead, type ExplainerEntry } from './lib/content/read';
import { ContentError } from './lib/validate';

/**
 * Content is read and checked by src/lib/content/read.ts, the one module that reads content/;
 * these loaders only hand its results to Astro. A build stops on any problem in a published
 * explainer, with every problem listed; `npm run dev` (which watches files) keeps serving the
 * other explainers and shows a broken one's problems on its own pages. Drafts are left out of
 * builds and kept in dev.
 */

/** How many problems the last read found (dev): "all clear" is said once they are gone. */
let lastProblemCount: number | undefined;

/** Reads content/ and, in a build, stops on problems; returns the explainers to publish. */
function readForLoader({ watcher, logger }: LoaderContext, report: boolean): ContentRead {
  const content = readContent(CONTENT_DIR);
  const building = watcher === undefined;
  const published = content.explainers.filter((explainer) => !building || !explainer.draft);
  const problems = [...content.problems, ...published.flatMap((explainer) => explainer.problems)];
  if (building && problems.length > 0) throw new ContentError(problems);
  if (report) {
    for (const explainer of published) for (const warning of explainer.warnings) logger.warn(warning);
    for (const problem of problems) logger.error(problem);
    // In `npm run dev`, the save that fixes the last problem says so.
    if (!building && problems.length === 0 && lastProblemCount !== 0) logger.info('content: all clear');
    lastProblemCount = problems.length;
  }
  return { explainers: published, problems: content.problems };
}

/** Reloads a collection when files below the content folder change (dev only). */
function reloadOnChange(context: LoaderContext, events: string[], reload: () => Promise<void>) {
  const root = path.resolve(CONTENT_DIR);
  context.watcher?.add(root);
  context.watcher?.on('all', (event: string, file: string) => {
    if (events.includes(event) && path.resolve(file).startsWith(root + path.sep)) void reload();
  });
}

const explainers = defineCollection({
  loader: {
    name: 'explainers',
    load: async (context) => {
      const fill = async () => {
        const { explainers } = readForLoader(context, true);
        context.store.clear();
        for (const explainer of explainers) context.store.set({ id: explainer.id, data: { ...explainer } });
      };
      await fill();
      reloadOnChange(context, ['add', 'change', 'unlink'], fill);
    },
  },
  // Checked already by the content reader; this only gives the entries their type.
  schema: z.custom<ExplainerEntry>(),
});

// Astro renders MDX only for entries of a glob() collection. This one is given exactly the section
// files the content reader accepted: the files of drafts in a build, editor files, folders that
// are not explainers and files it could not read never reach the renderer.
const sections = defineCollection({
  loader: {
    name: 'sections',
    load: async (context) => {
      const fill = async () => {
        const { explainers } = readForLoader(context, false);
        const files = explainers.flatMap((explainer) =>
          explainer.sections.map((s) => `${explainer.id}/${s.path}`),
        );
        await glob({
          pattern: files.length > 0 ? files : ['-'],
          base: CONTENT_DIR,
          // "<explainer>/sections/01-a.mdx" → "<explainer>/01-a": the file, whatever its frontmatter says.
          generateId: ({ entry }) => sectionEntryId(entry),
        }).load(context);
      };
      await fill();
      // glob() follows changes to the files it was given; a section added or removed changes the list.
      reloadOnChange(context, ['add', 'unlink'], fill);
    },
  },
});

export const collections = { explainers, sections };
