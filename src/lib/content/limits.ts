/**
 * How much content may hold, each limit checked before the stage it protects, so oversized or
 * absurdly nested input stops with a message naming the file and line instead of a build that
 * takes minutes, runs out of memory or crashes without naming anything. Every limit is far above
 * what a story needs (the longest real section is 4 KB, the longest headline under 100 characters).
 */

/**
 * YAML aliases (*name) resolved in one file. An alias repeats a whole value, so a few nested ones
 * multiply a small file into gigabytes ("billion laughs"); content needs none, this many is lenient.
 */
export const MAX_YAML_ALIASES = 100;
