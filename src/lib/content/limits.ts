/**
 * How much content may hold, each limit checked before the stage it protects, so oversized or
 * absurdly nested input stops with a message naming the file and line instead of a build that
 * takes minutes, runs out of memory or crashes without naming anything. Every limit is far above
 * what a story needs (the longest real section is 4 KB, the longest headline under 100 characters).
 */

/**
 * How deep blocks (quotes, lists) and inline marks (emphasis, links) may nest in a section, and
 * lists and maps in YAML. The bundler's native parser crashed (SIGSEGV) on a quote nested 500 deep
 * and the Markdown parser slows down badly from a few hundred levels (nested list items 1,000 deep
 * took 51 s, emphasis 10,000 deep overflowed the stack); no story needs more than a few levels.
 */
export const MAX_NESTING = 32;

/**
 * YAML aliases (*name) resolved in one file. An alias repeats a whole value, so a few nested ones
 * multiply a small file into gigabytes ("billion laughs"); content needs none, this many is lenient.
 */
export const MAX_YAML_ALIASES = 100;
