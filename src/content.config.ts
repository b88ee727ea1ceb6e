import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { CONTENT_DIR } from './lib/content-dir';
import { parsePartialDate } from './lib/dates';

const contentDir = CONTENT_DIR;

/** The explainer's folder, taken from a path relative to contentDir ("story/sections/01-a.mdx"). */
const folderOf = (entry: string) => entry.split('/')[0];

/** One file of this name in each explainer's folder, its id the folder's name. */
const onePerExplainer = (file: string) =>
  glob({ pattern: `*/${file}`, base: contentDir, generateId: ({ entry }) => folderOf(entry) });

/**
 * A date in the precision the sources give: "1996", "2021-02" or "2021-03-18".
 * YAML reads an unquoted 2021-03-18 as a Date and 1996 as a number; both are accepted.
 */
const partialDate = z.preprocess(
  (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'number') return String(value);
    return value;
  },
  z.string().superRefine((text, ctx) => {
    const parsed = parsePartialDate(text);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  }),
);

/** A date that must name a day. */
const day = partialDate.refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text), {
  message: 'needs a full date, YYYY-MM-DD',
});

const explainers = defineCollection({
  loader: onePerExplainer('explainer.yaml'),
  schema: z.object({
    /** The headline, shown as the page's h1 and in its <title>. */
    title: z.string().min(1),
    /** One sentence under the headline; also the meta description. */
    dek: z.string().min(1),
    /** The day of the events the explainer reports; later events are set apart from it. */
    reportDate: day,
    /** The day the text was last changed. */
    updated: day,
    /** Three to five short sentences a reader can take away. */
    keyPoints: z.array(z.string().min(1)).min(3).max(5),
    /** Where the facts come from, listed under the story. */
    sources: z
      .array(
        z
          .object({
            /** Short key that timeline events use to cite the source. */
            id: z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and hyphens'),
            /** The outlet or issuer. */
            publisher: z.string().min(1),
            /** The headline exactly as published; the list shows it in quotation marks. */
            title: z.string().min(1).optional(),
            /** What the source is, for one with no headline to quote ("Report on …"); shown as is. */
            description: z.string().min(1).optional(),
            date: partialDate,
            url: z.url().optional(),
          })
          .refine((source) => (source.title === undefined) !== (source.description === undefined), {
            message:
              'give either "title" (the exact published headline) or "description" (what the source is), not both',
          }),
      )
      .min(1),
  }),
});

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, e.g. why-russia-cares');

const sections = defineCollection({
  loader: glob({
    pattern: '*/sections/*.mdx',
    base: contentDir,
    // "<explainer>/<slug>": stable whatever the file or heading is called. Two files with
    // one slug collide here, and `prerenderConflictBehavior: 'error'` stops the build.
    generateId: ({ entry, data }) => `${folderOf(entry)}/${String(data.slug)}`,
  }),
  schema: z.object({
    /** The section heading: a question or a plain heading a reader scans. */
    title: z.string().min(1),
    /** The section's id and URL forever; never derive it from the title, never reuse it. */
    slug,
    /** Slugs the section had before a rename: old #fragments and URLs keep landing here. */
    oldSlugs: z.array(slug).default([]),
    /** Position in the explainer, 1 first. */
    order: z.number().int().positive(),
    /** One or two sentences on what the section says; used for share cards. */
    summary: z.string().min(1).max(300),
    /** True for a section written after the report date (what happened next). */
    later: z.boolean().default(false),
  }),
});

const timelines = defineCollection({
  loader: onePerExplainer('timeline.yaml'),
  schema: z.object({
    events: z
      .array(
        z.object({
          /** When it happened, in the precision known: "1996", "2021-02", "2021-03-18". */
          date: partialDate,
          /** For a span ("1996" to "2001"): when it ended. */
          endDate: partialDate.optional(),
          /** A few words. */
          title: z.string().min(1).max(80),
          /** One sentence. */
          text: z.string().min(1),
          /** The section that tells this part of the story: "<explainer>/<section slug>". */
          section: reference('sections'),
          /** A source id from explainer.yaml. */
          source: z.string().optional(),
        }),
      )
      .min(1),
  }),
});

/** Lower-case words joined by hyphens: ids that become anchors and component props. */
const id = slug;
/** Source ids from explainer.yaml; the content module checks that each exists. */
const sourceIds = z.array(z.string()).min(1);

const people = defineCollection({
  loader: onePerExplainer('whos-who.yaml'),
  schema: z.object({
    people: z
      .array(
        z.object({
          /** The card's anchor (#who-<id>) and the id <Person id="…"> uses in the text. */
          id,
          name: z.string().min(1),
          /** The role held on the report date, e.g. "US envoy". */
          role: z.string().min(1),
          /** One or two sentences from the facts. */
          about: z.string().min(1),
          sources: sourceIds,
        }),
      )
      .min(1),
  }),
});

const glossaries = defineCollection({
  loader: onePerExplainer('glossary.yaml'),
  schema: z.object({
    terms: z
      .array(
        z.object({
          /** The entry's anchor (#term-<id>) and the id <Term id="…"> uses in the text. */
          id,
          /** The term as a heading: "Doha agreement". */
          term: z.string().min(1),
          /** One to three sentences from the facts. */
          definition: z.string().min(1).max(400),
          sources: sourceIds,
        }),
      )
      .min(1),
  }),
});

const charts = defineCollection({
  loader: glob({
    pattern: '*/charts/*.yaml',
    base: contentDir,
    // "<explainer>/<file name>": <ShareChart id="file name"> in the text finds it.
    generateId: ({ entry }) =>
      `${folderOf(entry)}/${entry
        .split('/')
        .pop()!
        .replace(/\.yaml$/, '')}`,
  }),
  schema: z.object({
    title: z.string().min(1),
    /** Says what is measured, when and by whom; shown under the bar. */
    caption: z.string().min(1),
    /** The source id from explainer.yaml the figures come from. */
    source: z.string().min(1),
    parts: z
      .array(
        z.object({
          label: z.string().min(1),
          /** Per cent of the whole. */
          value: z.number().positive().max(100),
          /** The source says "more than" this value. */
          atLeast: z.boolean().default(false),
        }),
      )
      .min(1),
    /** Label for what the parts leave of 100 per cent; no bar for it when left out. */
    rest: z.string().min(1).optional(),
  }),
});

const maps = defineCollection({
  loader: onePerExplainer('map.yaml'),
  schema: z.object({
    /** The map's name, shown as its caption. */
    title: z.string().min(1),
    /** The text alternative: what the map shows, for readers who cannot see it. */
    description: z.string().min(20),
    /** The country drawn strongest, by its Natural Earth name. */
    focus: z.string().min(1),
    /** Countries labelled on the map, by their Natural Earth names. */
    countries: z.array(z.string().min(1)),
    places: z
      .array(
        z.object({
          name: z.string().min(1),
          /** Degrees east. */
          lon: z.number().min(-180).max(180),
          /** Degrees north. */
          lat: z.number().min(-90).max(90),
          /** capital: filled dot; city: hollow dot; area: a ring around a region's location. */
          kind: z.enum(['capital', 'city', 'area']),
          /** Which side of the marker the name goes. */
          label: z.enum(['left', 'right', 'above', 'below']).default('right'),
        }),
      )
      .min(1),
  }),
});

export const collections = { explainers, sections, timelines, people, glossaries, charts, maps };
