/**
 * The shape of every content file, as zod schemas. Each field's description is what the README's
 * field reference prints (`npm run docs`), so it is written for editors. Objects are strict: a
 * misspelt field name is an error rather than a field silently dropped.
 */
import { z } from 'astro/zod';
import { parsePartialDate } from '../dates.ts';
import {
  MAX_ALIASES,
  MAX_LIST_ITEMS,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_TOPIC_LENGTH,
  MAX_TOPICS,
} from './limits.ts';

/** Lower-case ASCII letters and digits in words joined by hyphens: folder names, slugs and ids. */
export const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const NAME_RULE = 'lower-case letters a-z, digits and hyphens, e.g. why-russia-cares';

/**
 * C0 and C1 control characters and DEL, tab and newline excepted: invisible, and invalid in the
 * XML the site writes (feed, sitemap, map), so no text may hold them. A carriage return is
 * accepted only as part of a Windows line end (CR LF); alone it is a control character.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;

/**
 * Characters no text may hold besides those, each with what to call it in a message:
 * - noncharacters (U+FDD0-U+FDEF and the last two of every plane, U+FFFE, U+FFFF...) and halves
 *   of a surrogate pair (from a YAML "\uD800" escape): not text, and invalid in XML;
 * - bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder
 *   the text around them, so a title can read differently from what it says ("Trojan Source");
 * - zero-width space, word joiner and invisible operators (U+200B, U+2060-U+2064) and U+FEFF
 *   inside text: invisible, so a heading or a link can look empty or like another. The zero-width
 *   non-joiner and joiner (U+200C, U+200D) are allowed: Persian and Arabic spelling needs the
 *   non-joiner (می‌خواهم), and emoji sequences are joined with the joiner.
 * The left-to-right and right-to-left marks (U+200E, U+200F) are allowed too: they reorder
 * nothing, and right-to-left text uses them.
 */
const FORBIDDEN: [RegExp, string][] = [
  [CONTROL, 'a control character (an invisible, non-printing character)'],
  [/[\p{Noncharacter_Code_Point}\p{Cs}]/gu, 'a noncharacter (not text at all)'],
  [/[\u202a-\u202e\u2066-\u2069]/g, 'a bidirectional control (an invisible character that reorders the text)'],
  [/[\u200b\u2060-\u2064\ufeff]/g, 'a zero-width character (an invisible character)'],
];

/** Every character in `text` that no text may hold, in order: where it is, its code point and what it is. */
export function forbiddenCharacters(text: string): { index: number; code: string; what: string }[] {
  return FORBIDDEN.flatMap(([pattern, what]) =>
    [...text.matchAll(pattern)].map((match) => ({
      index: match.index,
      code: `U+${match[0].codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()}`,
      what,
    })),
  ).sort((a, b) => a.index - b.index);
}

/** The message for text holding a forbidden character, or undefined. */
const forbiddenProblem = (value: string) => {
  const [first] = forbiddenCharacters(value);
  return first && `contains ${first.what}, ${first.code}; retype the text`;
};

/**
 * Straight quotes to typographic ones, as smartypants gives section text in MDX: a quote at the
 * start, or after a space, an opening bracket, a dash or an opening quote, opens; any other
 * closes ("it's" → it’s).
 */
export function curlyQuotes(value: string): string {
  return value
    .replace(/(^|[\s([{<\u2013\u2014\u2018])"/g, '$1\u201c')
    .replace(/"/g, '\u201d')
    .replace(/(^|[\s([{<\u2013\u2014\u201c])'/g, '$1\u2018')
    .replace(/'/g, '\u2019');
}

/** Text as written, for names matched against other data (Natural Earth's country names). */
const verbatim = () =>
  z
    .string()
    .trim()
    .min(1, 'is empty')
    .max(MAX_TEXT_LENGTH)
    .superRefine((value, ctx) => {
      const problem = forbiddenProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/**
 * One line of text an editor writes, at most `max` characters, with typographic quotes: applied
 * here, where text fields are read, so every page, card and feed gets them, and never to ids,
 * slugs, dates or addresses, which have schemas of their own. (overwrite keeps it a string
 * schema: .max() still follows.)
 */
const text = (max = MAX_TEXT_LENGTH) =>
  z
    .string()
    .trim()
    .overwrite(curlyQuotes)
    .min(1, 'is empty')
    .max(max)
    .superRefine((value, ctx) => {
      const problem = forbiddenProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const name = () => z.string().max(MAX_NAME_LENGTH).regex(NAME, `use ${NAME_RULE}`);

/** A headline: drawn on share cards, so shorter than other text. */
const title = () => text(MAX_TITLE_LENGTH);

/** A list of at most MAX_LIST_ITEMS entries. */
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIST_ITEMS);

/**
 * A date in the precision the sources give: "1996", "2021-02" or "2021-03-18". The YAML reader
 * keeps unquoted dates as written (YAML 1.2), so 2021-02-30 is checked as a day, never rolled
 * over into March; a bare year is read as a number and accepted as that year.
 */
export const partialDate = z.preprocess(
  (value) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value),
  z
    .string('write a date as YYYY, YYYY-MM or YYYY-MM-DD')
    .superRefine((value, ctx) => {
      const parsed = parsePartialDate(value);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    }),
).meta({ format: 'partial-date' });

/** A date that must name a day. */
const day = partialDate
  .refine(
    // A value that is no date at all has its message already.
    (value) => typeof parsePartialDate(String(value)) === 'string' || /^\d{4}-\d{2}-\d{2}$/.test(String(value)),
    'needs a full date, YYYY-MM-DD',
  )
  .meta({ format: 'day' });

/**
 * A web address with a user name ("https://bbc.co.uk@evil.example/") goes to the host after the
 * "@", whatever the text before it looks like; no source needs one.
 */
export const hasUserinfo = (url: string) => URL.canParse(url) && new URL(url).username + new URL(url).password !== '';
export const USERINFO_PROBLEM =
  'has a user name before "@", so it leads to the host after the "@"; write the address without it';

/** An address outside the site: only http and https (no javascript:, data:, mailto:...). */
export const webUrl = z
  .string()
  .max(MAX_TEXT_LENGTH)
  .refine((value) => /^https?:\/\/[^\s/]+\.[^\s]*$/i.test(value) && URL.canParse(value) && !forbiddenProblem(value), {
    message: 'must be a web address starting with https:// (or http://)',
  })
  .refine((value) => !hasUserinfo(value), {
    message: USERINFO_PROBLEM,
  })
  .meta({ format: 'web-address' });

export const sourceSchema = z
  .strictObject({
    id: name().describe('Short key that footnotes, timeline events and data files cite.'),
    publisher: text().describe('The outlet or issuer.'),
    title: text().optional().describe('The headline exactly as published; the list quotes it.'),
    description: text()
      .optional()
      .describe('What the source is, for one with no headline to quote ("Report on ..."); shown as is.'),
    date: partialDate.describe('When it was published: YYYY, YYYY-MM or YYYY-MM-DD.'),
    url: webUrl.optional().describe('Its address, https://...'),
  })
  .refine((source) => (source.title === undefined) !== (source.description === undefined), {
    message: 'give either "title" (the exact published headline) or "description" (what the source is), not both',
  });

/**
 * A topic's address, from its name alone, so it never changes while the name does not: accents
 * dropped (NFKD), lower case, every run of other characters one hyphen. "Afghanistan" and
 * "afghanistan", or "US–Taliban talks" and "US-Taliban talks", get one address: one topic page.
 */
export const topicSlug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** A topic's name: shown as written; its address is topicSlug(name). */
const topic = () =>
  text(MAX_TOPIC_LENGTH).refine(
    (value) => topicSlug(value) !== '',
    'has no letter a-z or digit for its address (/topics/<name>/); write it in Latin letters, e.g. "Ukraine"',
  );

export const explainerSchema = z.strictObject({
  title: title().describe('The headline: the page h1, its <title> and the share card.'),
  dek: text().describe('One or two sentences under the headline; also the meta description and share text.'),
  reportDate: day.describe('The day of the events the explainer reports (YYYY-MM-DD); later events are set apart.'),
  updated: day.describe('The day the text was last changed (YYYY-MM-DD).'),
  draft: z
    .boolean()
    .default(false)
    .describe('true keeps the explainer out of the published site, feed and sitemap; `npm run dev` still shows it.'),
  keyPoints: z.array(text()).min(3).max(5).describe('Three to five short sentences a reader can take away.'),
  sources: list(sourceSchema).min(1).describe('Where the facts come from, numbered under the story.'),
  topics: z
    .array(topic())
    .max(MAX_TOPICS)
    .default([])
    .superRefine((topics, ctx) => {
      topics.forEach((name, index) => {
        const first = topics.findIndex((other) => topicSlug(other) === topicSlug(name));
        if (first < index)
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `"${name}" is the same topic as "${topics[first]}" (both /topics/${topicSlug(name)}/); keep one`,
          });
      });
    })
    .describe(
      'At most 8, e.g. [Afghanistan, Russia]: each topic gets a page listing its stories. Spell it alike in every story.',
    ),
});

export const sectionSchema = z.strictObject({
  title: title().describe('The section heading: a question or a plain heading a reader scans.'),
  slug: name().describe("The section's id and URL forever: never derive it from the title, never reuse it."),
  oldSlugs: list(name())
    .default([])
    .describe('Slugs the section had before a rename: old links keep landing here.'),
  order: z.number().int().positive().describe('Position in the explainer, 1 first; unique within it.'),
  summary: text(300).describe('One or two sentences on what the section says: its share card and link preview.'),
  later: z.boolean().default(false).describe('true for a section written after the report date (what happened next).'),
});

export const eventSchema = z.strictObject({
  date: partialDate.describe('When it happened, in the precision known: "1996", "2021-02", "2021-03-18".'),
  endDate: partialDate.optional().describe('For a span ("1996" to "2001"): when it ended.'),
  title: text(80).describe('A few words, at most 80 characters.'),
  text: text(300).describe('One sentence.'),
  section: name().describe('The slug of the section that tells this part of the story, e.g. may-deadline.'),
  source: name().optional().describe('A source id from explainer.yaml.'),
  scheduled: z
    .boolean()
    .default(false)
    .describe(
      'true for a date after the report that was already set by then (a deadline, a planned vote): it stays among the events known at the report date.',
    ),
});

export const timelineSchema = z.strictObject({
  events: list(eventSchema).min(1).describe('The dated events; the page sorts them.'),
});

const sourceIds = list(name()).min(1).describe('Source ids from explainer.yaml.');

/**
 * Other spellings of a name or term, which search finds it by (transliterations, the name in its
 * own script): not shown on the page. Names, so as short as a headline.
 */
const aliases = () =>
  z
    .array(text(MAX_TITLE_LENGTH))
    .max(MAX_ALIASES)
    .default([])
    .describe(
      'Other spellings search finds it by, not shown on the page: transliterations and the name in its own script, e.g. [Alipour, Alipoor, علی‌پور]; up to 20.',
    );

export const peopleSchema = z.strictObject({
  people: list(
      z.strictObject({
        id: name().describe('The card\'s anchor (#who-<id>) and the id <Person id="..."> uses in the text.'),
        name: text().describe('The name as the card shows it.'),
        aliases: aliases(),
        role: text().describe('The role held on the report date, e.g. "US envoy".'),
        about: text(400).describe('One or two sentences from the facts.'),
        sources: sourceIds,
      }),
    )
    .min(1)
    .describe('The people and groups in the story.'),
});

export const glossarySchema = z.strictObject({
  terms: list(
      z.strictObject({
        id: name().describe('The entry\'s anchor (#term-<id>) and the id <Term id="..."> uses in the text.'),
        term: text().describe('The term as a heading: "Doha agreement".'),
        aliases: aliases(),
        definition: text(400).describe('One to three sentences from the facts.'),
        sources: sourceIds,
      }),
    )
    .min(1)
    .describe('Terms a reader may not know.'),
});

export const chartSchema = z.strictObject({
  title: text().describe('What the chart shows, above the bar.'),
  caption: text().describe('What is measured, when and by whom; shown under the bar.'),
  source: name().describe('The source id in explainer.yaml the figures come from.'),
  parts: list(
      z.strictObject({
        label: text().describe('What the part is.'),
        value: z.number().positive().max(100).describe('Per cent of the whole.'),
        atLeast: z.boolean().default(false).describe('true when the source says "more than" this value.'),
      }),
    )
    .min(1)
    .describe('The parts of the whole, in order.'),
  rest: text().optional().describe('Label for what the parts leave of 100 per cent; no bar for it when left out.'),
});

export const mapSchema = z.strictObject({
  title: text().describe("The map's name, shown as its caption."),
  description: text().min(20).describe('The text alternative: what the map shows, for readers who cannot see it.'),
  focus: verbatim().describe('The country drawn strongest, by its Natural Earth name.'),
  countries: list(verbatim()).describe('Countries labelled on the map, by their Natural Earth names.'),
  places: list(
      z.strictObject({
        name: text().describe('The label.'),
        lon: z.number().min(-180).max(180).describe('Degrees east.'),
        lat: z.number().min(-90).max(90).describe('Degrees north.'),
        kind: z.enum(['capital', 'city', 'area']).describe('capital: filled dot; city: hollow dot; area: a ring.'),
        label: z.enum(['left', 'right', 'above', 'below']).default('right').describe('Which side of the marker the name goes, where it is clear of the other labels and markers; otherwise the first clear side.'),
      }),
    )
    .min(1)
    .describe('Places marked on the map.'),
});

/** The kinds of change a reader is told about, in the words the page uses for them. */
export const CHANGE_KINDS = ['correction', 'clarification', 'update'] as const;

export const changeSchema = z
  .strictObject({
    date: day.describe('The day the change was published (YYYY-MM-DD): not before reportDate, not after updated.'),
    kind: z
      .enum(CHANGE_KINDS)
      .describe('correction: a fact was wrong; clarification: the text misled; update: news since it was written.'),
    sections: z
      .array(name())
      .default([])
      .describe('Slugs of the sections it touches; each shows the note at its top. A correction names at least one.'),
    text: text()
      .max(400)
      .describe('One or two plain sentences: what the text said, and what it says now.'),
    was: text()
      .max(1000)
      .optional()
      .describe('The earlier wording of the changed passage, word for word: readers can open it.'),
  })
  .refine((change) => change.kind !== 'correction' || change.sections.length > 0, {
    message: 'a correction names the sections it touches by slug: sections: [slug, ...]',
    path: ['sections'],
  });

export const changesSchema = z.strictObject({
  changes: z.array(changeSchema).min(1).describe('Corrections, clarifications and updates, any order; pages list them newest first.'),
});

export type ExplainerFileData = z.output<typeof explainerSchema>;
export type Change = z.output<typeof changeSchema>;
export type SectionFrontmatter = z.output<typeof sectionSchema>;
export type EventData = z.output<typeof eventSchema>;
export type Person = z.output<typeof peopleSchema>['people'][number];
export type Term = z.output<typeof glossarySchema>['terms'][number];
export type Chart = z.output<typeof chartSchema>;
export type MapData = z.output<typeof mapSchema>;

/** Every data file an explainer folder can hold, by its name in the folder, with its schema. */
export const DATA_FILES = {
  'explainer.yaml': explainerSchema,
  'timeline.yaml': timelineSchema,
  'changes.yaml': changesSchema,
  'whos-who.yaml': peopleSchema,
  'glossary.yaml': glossarySchema,
  'map.yaml': mapSchema,
  'charts/<name>.yaml': chartSchema,
  'sections/NN-<slug>.mdx (frontmatter)': sectionSchema,
} as const;
