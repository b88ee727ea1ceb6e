/**
 * Explainers of random shape, made from a seed: the test build's subjects, so a test of a
 * behaviour runs on a story made with what it needs (a renamed section, terms, a table...) rather
 * than on whichever real story happens to sort first. Every story written here is valid: it passes
 * the content reader (src/lib/content/read.ts) with no problems, whatever the seed (a property
 * test checks many seeds, tests/story-generator.test.ts). The same seed and options give the
 * same files, so a failure is re-run with its seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What a story has; anything left out is drawn at random. */
export interface StoryOptions {
  /** Number of sections, 1 to 30. */
  sections?: number;
  /** Exactly this many paragraphs per section (1 to 40); otherwise 1 to a random most. */
  paragraphs?: number;
  /** Every section one short paragraph: a page that may be too short to scroll far. */
  shortSections?: boolean;
  /** Number of timeline events, 1 to 200 (the timeline needs one). */
  events?: number;
  /** At least one event `scheduled: true` after the report date. */
  scheduled?: boolean;
  /** At least one section with an old slug (oldSlugs), and a link to it by that slug. */
  renamed?: boolean;
  /** Number of who's who cards (0 for no whos-who.yaml); each used by <Person id>. */
  people?: number;
  /** Number of glossary terms (0 for no glossary.yaml); each marked once by <Term id>. */
  terms?: number;
  /** Number of charts (charts/*.yaml), each shown by <ShareChart id>. */
  charts?: number;
  /** A map.yaml, shown by <LocatorMap />. */
  map?: boolean;
  /** Number of GFM tables, each with its "Table: caption" line. */
  tables?: number;
  /** Columns of every table (1 to 8); otherwise random per table. */
  tableColumns?: number;
  /** Footnotes citing the sources' urls, in most sections. */
  footnotes?: boolean;
  /** A section marked `later: true`. */
  later?: boolean;
  /** A changes.yaml with a correction and an update. */
  changes?: boolean;
  /** Topics in explainer.yaml, as written: stories given one topic share its page. */
  topics?: string[];
  /**
   * This many of the SHARED people (and terms) besides its own, the same id, name and text in
   * every story given them: hub pages and related explainers. A story's own ids are its alone.
   */
  sharedPeople?: number;
  sharedTerms?: number;
  /** true: `updated` is after the report date; false: the same day; otherwise random. */
  updatedLater?: boolean;
  /** The explainer's title and the section titles long (near the length a card can fit). */
  longTitles?: boolean;
  /**
   * Ids to use instead of generated ones, first come first: for text written elsewhere (the
   * README's examples) that names people, terms, charts and sections, and links source urls.
   */
  names?: { people?: string[]; terms?: string[]; charts?: string[]; slugs?: string[]; urls?: string[] };
}

/** Small seeded PRNG (mulberry32): the same seed gives the same story on every machine. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof random>;

const WORDS = (
  'talks envoy border ceasefire vote budget harbour river council mayor court ruling deadline ' +
  'treaty rally strike pipeline drought harvest census ministry report province convoy election ' +
  'grain bridge coast delegation parliament minister summit port railway market tariff'
).split(' ');
/** Words for the text: plain letters only, so nothing in them is Markdown or MDX syntax. */
const TEXT_WORDS = [
  ...WORDS,
  ...'the of and to in a was said on for by with after before that their its it'.split(' '),
  ...'according government officials weeks months regional agreement meeting talks'.split(' '),
];
/** Names in the scripts the site's fonts cover (Latin, Cyrillic, Arabic) and one they do not (CJK). */
const NAMES = [
  'Amina Yusuf',
  'Jean-Luc Marchand',
  'Zoë Łukasiewicz',
  'Nguyễn Thị Hương',
  'Замир Кабулов',
  'Ольга Петренко',
  'محمد جواد ظريف',
  'عبدالله عبدالله',
  'فاطمه حسینی',
  '王毅',
  '山田 太郎',
  '김민수',
  'The Coalition for a Negotiated Settlement of the Northern Provinces Dispute',
];
const ROLES = [
  'Special envoy',
  'Foreign minister',
  'Spokesperson',
  'Armed group',
  'Mayor',
  'Chief negotiator',
];

/**
 * Countries by their Natural Earth names (world-atlas), with a point inside each: a map's places
 * are put close together around it, as a story's towns are. Only Central Asia: the locator map's
 * frame is fixed there (src/lib/locator-map.ts), and a country outside it stops the build.
 */
const COUNTRIES: Record<string, { at: [number, number]; neighbours: string[] }> = {
  Afghanistan: { at: [67.7, 33.9], neighbours: ['Pakistan', 'Iran', 'Tajikistan', 'Uzbekistan', 'China'] },
  Uzbekistan: { at: [64.6, 41.4], neighbours: ['Kazakhstan', 'Turkmenistan', 'Tajikistan', 'Kyrgyzstan'] },
  Kazakhstan: { at: [67, 48], neighbours: ['Russia', 'China', 'Uzbekistan', 'Kyrgyzstan'] },
  Tajikistan: { at: [71.3, 38.9], neighbours: ['Afghanistan', 'Uzbekistan', 'Kyrgyzstan', 'China'] },
  Turkmenistan: { at: [59.5, 39], neighbours: ['Iran', 'Afghanistan', 'Uzbekistan', 'Kazakhstan'] },
};
const PLACES = [
  'Kabul',
  'Київ',
  'Nairobi',
  '東京',
  'São Paulo',
  'بغداد',
  'Mosul',
  'Lviv',
  'کندهار',
  'Kisumu',
];

/**
 * Other spellings (`aliases`) for a person or term: a made-up word of three syllables and, for
 * some, a Cyrillic one. Drawn from a generator of their own, so adding them left every other
 * part of a seed's story as it was.
 */
const SYLLABLES = 'ka ro vel mun dri sa tor pel zin ush gar bo lem fa ni qua rez tam'.split(' ');
const CYRILLIC_SYLLABLES = 'ка ро вел мун дри са тор пел зин уш'.split(' ');
function aliasesFor(r: Random, least: number): string[] {
  const word = (syllables: string[]) => Array.from({ length: 3 }, () => r.pick(syllables)).join('');
  const latin = word(SYLLABLES);
  const all = [`${latin[0]!.toUpperCase()}${latin.slice(1)}`, word(CYRILLIC_SYLLABLES)];
  return all.slice(0, r.int(least, 2));
}

/** A few words, capitalised: titles and labels. */
export function words(r: Random, min: number, max: number): string {
  const list = Array.from({ length: r.int(min, max) }, () => r.pick(TEXT_WORDS));
  const text = list.join(' ');
  return text[0]!.toUpperCase() + text.slice(1);
}

/** Words cut to at most `max` characters, at a word boundary, never empty. */
function upTo(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max).trim();
}

/** One sentence, ending in a full stop. */
const sentence = (r: Random, min = 6, max = 18) => `${words(r, min, max)}.`;

/** A date between two years, in a random precision. */
function partialDate(r: Random, fromYear: number, toYear: number): string {
  const year = r.int(fromYear, toYear);
  const precision = r.int(0, 2);
  if (precision === 0) return String(year);
  const month = String(r.int(1, 12)).padStart(2, '0');
  if (precision === 1) return `${year}-${month}`;
  return `${year}-${month}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

/**
 * People and terms that more than one generated story may define, the same in each (the content
 * reader requires one name per id across stories); only the role, as of each report, differs.
 */
export const SHARED_PEOPLE = [
  {
    id: 'shared-envoy',
    name: 'Amina Yusuf',
    aliases: ['Aminah Yousef'],
    about: 'A diplomat who has led every round of the border talks.',
  },
  {
    id: 'shared-minister',
    name: 'Замир Кабулов',
    about: 'A minister named in several stories about the harbour.',
  },
  { id: 'shared-mayor', name: 'Jean-Luc Marchand', about: 'The mayor of the port city since the census.' },
];
export const SHARED_TERMS = [
  {
    id: 'shared-ceasefire',
    term: 'Border ceasefire',
    definition: 'The truce both sides signed before the talks.',
  },
  { id: 'shared-tariff', term: 'Harbour tariff', definition: 'A levy on grain leaving the port.' },
];

const day = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => day(new Date(Date.parse(iso) + days * 86_400_000));

/** YAML text for a value: JSON is valid YAML, and quotes every string (dates stay as written). */
const yaml = (value: unknown) => JSON.stringify(value, null, 2);

export interface GeneratedStory {
  /** Files by path inside the explainer folder. */
  files: Record<string, string>;
  /** What was made, for tests to pick from (slugs in order, ids used). */
  slugs: string[];
  oldSlugs: string[];
  people: string[];
  terms: string[];
  charts: string[];
  tables: number;
  map: boolean;
}

/** The files of one valid explainer of random shape. */
export function generateStory(seed: number, options: StoryOptions = {}): GeneratedStory {
  const r = random(seed);
  const sectionCount = options.sections ?? r.int(1, r.chance(0.2) ? 30 : 8);
  const maxParagraphs = options.shortSections ? 1 : (options.paragraphs ?? r.int(1, r.chance(0.1) ? 40 : 6));
  const minParagraphs = Math.min(options.paragraphs ?? 1, maxParagraphs);
  const names = options.names ?? {};
  const peopleCount = options.people ?? (r.chance(0.5) ? r.int(1, 10) : 0);
  const termCount = options.terms ?? (r.chance(0.5) ? r.int(1, 8) : 0);
  const chartCount = options.charts ?? (r.chance(0.3) ? r.int(1, 2) : 0);
  const hasMap = options.map ?? r.chance(0.3);
  const tableCount = options.tables ?? (r.chance(0.3) ? r.int(1, 3) : 0);
  const footnotes = options.footnotes ?? r.chance(0.7);
  const renamed = options.renamed ?? r.chance(0.3);
  const longTitles = options.longTitles ?? r.chance(0.2);

  const reportDate = `${r.int(1995, 2030)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  const updated = addDays(
    reportDate,
    options.updatedLater === true ? r.int(1, 900) : options.updatedLater === false ? 0 : r.int(0, 900),
  );
  const reportYear = Number(reportDate.slice(0, 4));

  const sources = Array.from({ length: r.int(1, 6) }, (_, i) => ({
    id: `source-${i + 1}`,
    publisher: r.pick([
      'Associated Press',
      'Reuters',
      'RFE/RL',
      'Ministry of Foreign Affairs',
      'Агентство новостей',
      'خبرگزاری',
    ]),
    ...(r.chance(0.5) ? { title: words(r, 3, 14) } : { description: `${words(r, 3, 10)}, with no headline` }),
    date: partialDate(r, reportYear - 2, reportYear),
    ...(footnotes || r.chance(0.6) ? { url: `https://example.org/${seed}/source-${i + 1}` } : {}),
  }));
  for (const url of names.urls ?? []) {
    sources.push({
      id: `source-${sources.length + 1}`,
      publisher: 'Reuters',
      title: words(r, 3, 8),
      date: String(reportYear),
      url,
    });
  }
  const urls = sources.flatMap((s) => (s.url ? [s.url] : []));
  const sourceIds = sources.map((s) => s.id);

  // Slugs end in their number, so none can equal another or an id the page gives its own parts.
  const slugs = Array.from(
    { length: sectionCount },
    (_, i) => names.slugs?.[i] ?? `${r.pick(WORDS)}-${r.pick(WORDS)}-${i + 1}`,
  );
  const renamedAt = renamed ? r.int(0, sectionCount - 1) : -1;
  const oldSlugs = renamed ? [`old-${r.pick(WORDS)}-${renamedAt + 1}`] : [];
  // The first person and term have at least one other spelling, the rest none to two.
  const spellings = random(seed ^ 0x5eed);
  // A story's own ids carry its seed: two stories share a person only when told to.
  const people = Array.from({ length: peopleCount }, (_, i) => ({
    id: names.people?.[i] ?? `person-${seed}-${i + 1}`,
    name: r.pick(NAMES),
    role: r.pick(ROLES),
    about: upTo(`${sentence(r, 5, 30)} ${sentence(r, 5, 30)}`, 400),
    sources: [r.pick(sourceIds)],
  })).map((person, i) => {
    const aliases = aliasesFor(spellings, i === 0 ? 1 : 0);
    return aliases.length ? { ...person, aliases } : person;
  });
  const terms = Array.from({ length: termCount }, (_, i) => ({
    id: names.terms?.[i] ?? `term-${seed}-${i + 1}`,
    // The first term is of several words (they wrap like text); the others of one to nine.
    term: i === 0 || r.chance(0.3) ? words(r, 2, 9) : words(r, 1, 2),
    definition: upTo(Array.from({ length: r.int(1, 3) }, () => sentence(r)).join(' '), 400),
    sources: [r.pick(sourceIds)],
  })).map((term, i) => {
    const aliases = aliasesFor(spellings, i === 0 ? 1 : 0);
    return aliases.length ? { ...term, aliases } : term;
  });
  people.unshift(
    ...SHARED_PEOPLE.slice(0, options.sharedPeople ?? 0).map((person) => ({
      ...person,
      role: r.pick(ROLES),
      sources: [r.pick(sourceIds)],
    })),
  );
  terms.unshift(
    ...SHARED_TERMS.slice(0, options.sharedTerms ?? 0).map((term) => ({
      ...term,
      sources: [r.pick(sourceIds)],
    })),
  );
  const charts = Array.from({ length: chartCount }, (_, i) => names.charts?.[i] ?? `chart-${i + 1}`);

  // Where each piece of apparatus goes: every id used at least once, in a random section, and
  // the last of each kind in the last section, so a story with it has it deep in the page too.
  const inSection = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      i === count - 1 ? sectionCount - 1 : r.int(0, sectionCount - 1),
    );
  const personAt = inSection(people.length);
  const termAt = inSection(terms.length);
  const chartAt = inSection(chartCount);
  const tableAt = inSection(tableCount);
  const mapAt = hasMap ? r.int(0, sectionCount - 1) : -1;

  const files: Record<string, string> = {};
  const laterAt = options.later || (options.later === undefined && r.chance(0.2)) ? sectionCount - 1 : -1;
  slugs.forEach((slug, index) => {
    let footnote = 0;
    const cite = () => (footnotes && urls.length > 0 && r.chance(0.5) ? `[^${++footnote}]` : '');
    const paragraphs = Array.from({ length: r.int(minParagraphs, maxParagraphs) }, () =>
      Array.from({ length: options.shortSections ? 1 : r.int(1, 6) }, () => `${sentence(r)}${cite()}`).join(
        ' ',
      ),
    );
    // A story with footnotes cites its sources in every section.
    if (footnote === 0 && footnotes && urls.length > 0) paragraphs[0] += ` ${sentence(r)}[^${++footnote}]`;
    const blocks = [...paragraphs];
    // Each component goes into a paragraph of its own section, at a random place in it.
    const into = (inline: string) => {
      const at = r.int(0, blocks.length - 1);
      blocks[at] = `${inline} ${blocks[at]}`;
    };
    personAt.forEach(
      (at, i) => at === index && into(`<Person id="${people[i]!.id}">${people[i]!.name}</Person> said so.`),
    );
    // One <Term> mark per term and section.
    termAt.forEach(
      (at, i) =>
        at === index &&
        into(`Under <Term id="${terms[i]!.id}">${terms[i]!.term.toLowerCase()}</Term> it was agreed.`),
    );
    if (index > 0 && r.chance(0.3)) into(`See [the earlier part](#${slugs[r.int(0, index - 1)]}).`);
    if (renamed && index === (renamedAt + 1) % sectionCount) into(`See [the renamed part](#${oldSlugs[0]}).`);
    chartAt.forEach(
      (at, i) =>
        at === index && blocks.splice(r.int(0, blocks.length), 0, `<ShareChart id="${charts[i]}" />`),
    );
    if (mapAt === index) blocks.splice(r.int(0, blocks.length), 0, '<LocatorMap />');
    tableAt.forEach(
      (at) => at === index && blocks.splice(r.int(0, blocks.length), 0, table(r, options.tableColumns)),
    );
    const notes = Array.from(
      { length: footnote },
      // Most notes quote their evidence (a "> " passage under the note), as the README asks.
      (_, i) =>
        `[^${i + 1}]: ${r.pick(sources).publisher}, ${reportDate}. [example.org](${r.pick(urls)})` +
        (r.chance(0.8) ? `\n\n    > ${sentence(r)}` : ''),
    );
    const title = longTitles ? `${words(r, 14, 22)}?` : words(r, 1, 6);
    const frontmatter = [
      `title: ${JSON.stringify(upTo(title, 200))}`,
      `slug: ${slug}`,
      ...(index === renamedAt ? [`oldSlugs: [${oldSlugs[0]}]`] : []),
      `order: ${index + 1}`,
      `summary: ${JSON.stringify(upTo(`${sentence(r, 4, 40)} ${sentence(r, 4, 20)}`, 300))}`,
      ...(index === laterAt ? ['later: true'] : []),
    ];
    const name = `sections/${String(index + 1).padStart(2, '0')}-${slug}.mdx`;
    files[name] = `---\n${frontmatter.join('\n')}\n---\n\n${[...blocks, ...notes].join('\n\n')}\n`;
  });

  files['explainer.yaml'] = yaml({
    title: longTitles ? upTo(`${words(r, 20, 30)} according to the report`, 200) : words(r, 2, 8),
    dek: `${sentence(r, 8, 25)} ${sentence(r, 5, 15)}`,
    reportDate,
    updated,
    keyPoints: Array.from({ length: r.int(3, 5) }, () => sentence(r, 4, 20)),
    sources,
    ...(options.topics && { topics: options.topics }),
  });

  // Events: dates of every precision up to the report year, some after it (later developments),
  // and scheduled ones strictly after the report date.
  const events = Array.from({ length: options.events ?? r.int(1, r.chance(0.1) ? 200 : 12) }, () => {
    const date = partialDate(r, reportYear - 30, reportYear + 1);
    const span = r.chance(0.1) ? { endDate: String(Number(date.slice(0, 4)) + r.int(1, 5)) } : {};
    return {
      date,
      ...span,
      title: upTo(words(r, 2, 16), 80),
      text: upTo(sentence(r, 5, 40), 300),
      section: r.pick(slugs),
      ...(r.chance(0.5) ? { source: r.pick(sourceIds) } : {}),
    };
  });
  if (options.scheduled ?? r.chance(0.5)) {
    const after = r.chance(0.5) ? addDays(reportDate, r.int(1, 400)) : String(reportYear + r.int(1, 3));
    events.splice(r.int(0, events.length - 1), 1, {
      date: after,
      scheduled: true,
      title: 'A deadline set before the report',
      text: `${sentence(r)}`,
      section: r.pick(slugs),
    } as (typeof events)[number]);
  }
  files['timeline.yaml'] = yaml({ events });

  if (people.length > 0) files['whos-who.yaml'] = yaml({ people });
  if (terms.length > 0) files['glossary.yaml'] = yaml({ terms });
  for (const id of charts) {
    // Whole per cents that add up to at most 100.
    const parts: { label: string; value: number; atLeast?: boolean }[] = [];
    for (let left = 100, n = r.int(1, 5); parts.length < n && left >= 1;) {
      const value = r.int(1, Math.min(left, 60));
      left -= value;
      parts.push({ label: words(r, 1, 8), value, ...(r.chance(0.3) ? { atLeast: true } : {}) });
    }
    files[`charts/${id}.yaml`] = yaml({
      title: words(r, 3, 10),
      caption: sentence(r, 5, 20),
      source: r.pick(sourceIds),
      parts,
      ...(r.chance(0.5) ? { rest: words(r, 1, 5) } : {}),
    });
  }
  if (hasMap) {
    const focus = r.pick(Object.keys(COUNTRIES));
    const { at, neighbours } = COUNTRIES[focus]!;
    const round = (n: number) => Math.round(n * 100) / 100;
    files['map.yaml'] = yaml({
      title: words(r, 2, 6),
      description: `Map of ${focus} and its neighbours, with the places the story names marked.`,
      focus,
      countries: neighbours.filter(() => r.chance(0.7)),
      // Places close together: within a degree or two, some a few hundredths apart.
      places: Array.from({ length: r.int(1, 6) }, () => ({
        name: r.pick(PLACES),
        lon: round(at[0] + (r.next() - 0.5) * (r.chance(0.5) ? 0.1 : 3)),
        lat: round(at[1] + (r.next() - 0.5) * (r.chance(0.5) ? 0.1 : 3)),
        kind: r.pick(['capital', 'city', 'area'] as const),
        label: r.pick(['left', 'right', 'above', 'below'] as const),
      })),
    });
  }
  if (options.changes ?? r.chance(0.2)) {
    files['changes.yaml'] = yaml({
      changes: [
        { date: updated, kind: 'correction', sections: [r.pick(slugs)], text: sentence(r), was: sentence(r) },
        { date: reportDate, kind: 'update', text: sentence(r) },
      ],
    });
  }
  return {
    files,
    slugs,
    oldSlugs,
    people: people.map((p) => p.id),
    terms: terms.map((t) => t.id),
    charts,
    tables: tableCount,
    map: hasMap,
  };
}

/** A GFM table of 1 to 8 columns, long and short cells, with its caption line above it. */
function table(r: Random, columns = r.int(1, 8)): string {
  const cell = () => (r.chance(0.3) ? words(r, 12, 40) : words(r, 1, 3));
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rows = Array.from({ length: r.int(1, 6) }, () => row(Array.from({ length: columns }, cell)));
  return [
    `Table: ${words(r, 2, 10)}`,
    '',
    row(Array.from({ length: columns }, () => words(r, 1, 3))),
    row(Array.from({ length: columns }, () => '---')),
    ...rows,
  ].join('\n');
}

/** Writes a generated story as `<contentDir>/<id>/`. */
export function writeStory(
  contentDir: string,
  id: string,
  seed: number,
  options: StoryOptions = {},
): GeneratedStory {
  const story = generateStory(seed, options);
  for (const [file, text] of Object.entries(story.files)) {
    const target = path.join(contentDir, id, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return story;
}
