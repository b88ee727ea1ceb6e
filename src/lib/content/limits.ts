/**
 * How much content may hold, each limit checked before the stage it protects, so oversized or
 * absurdly nested input stops with a message naming the file and line instead of a build that
 * takes minutes, runs out of memory or crashes without naming anything. Every limit is far above
 * what a story needs (the longest real section is 4 KB, the longest headline under 100 characters).
 */

/**
 * Bytes in one section file. The whole MDX pipeline (parse, compile, bundle) grows with it: a
 * 20 MB section built in 105 s at 4.8 GB; 200 KB is fifty times the longest real section.
 */
export const MAX_SECTION_BYTES = 200_000;

/** Bytes in one YAML file: a timeline of 500 events is about 100 KB. */
export const MAX_DATA_FILE_BYTES = 500_000;

/**
 * How deep blocks (quotes, lists) and inline marks (emphasis, links) may nest in a section, and
 * lists and maps in YAML. The bundler's native parser crashed (SIGSEGV) on a quote nested 500 deep
 * and the Markdown parser slows down badly from a few hundred levels (nested list items 1,000 deep
 * took 51 s, emphasis 10,000 deep overflowed the stack); no story needs more than a few levels.
 */
export const MAX_NESTING = 32;

/**
 * Characters in a headline (explainer, section, event titles): it is drawn on a share card, whose
 * fitting cost grows with the text (100 KB took 36 s per card); 200 is twice any real one.
 */
export const MAX_TITLE_LENGTH = 200;

/** Characters in any other text field: a few sentences at most; keeps every page and card small. */
export const MAX_TEXT_LENGTH = 2_000;

/**
 * Characters in a slug, id or folder name: it becomes a file name ("NN-<slug>.mdx", the page's
 * folder, its share card's PNG), and a file name has at most 255 bytes (a 252-character slug failed
 * with ENAMETOOLONG). 80 is ample for a few words.
 */
export const MAX_NAME_LENGTH = 80;

/** Entries in any YAML list (events, sources, people...): ten times what a long story has. */
export const MAX_LIST_ITEMS = 500;

/** Other spellings (`aliases`) of one person or term: a name has a handful, never hundreds. */
export const MAX_ALIASES = 20;

/**
 * YAML aliases (*name) resolved in one file. An alias repeats a whole value, so a few nested ones
 * multiply a small file into gigabytes ("billion laughs"); content needs none, this many is lenient.
 */
export const MAX_YAML_ALIASES = 100;

/**
 * Topics one explainer may name: each is a page listing stories, and a topic named by every story
 * helps no reader find anything; a story is about a handful of things.
 */
export const MAX_TOPICS = 8;

/** Characters in a topic's name: a heading and a link label ("Afghanistan", "US-Taliban talks"). */
export const MAX_TOPIC_LENGTH = 60;
