/**
 * What an editor (or a wire import, or someone with write access to content/ only) can put in
 * content/, and what the content reader makes of it: the usual mistakes and hostile input each
 * stop publication with a message naming the file, the line and the field; editor files are
 * ignored; nothing in a section runs as code. The reader is what the build runs first
 * (src/content.config.ts), so these run in milliseconds instead of a build each;
 * tests/content-build.test.ts shows the build stopping on them.
 */
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSectionText } from '../src/lib/content/mdx';
import { scaffold } from '../scripts/new';
import { readContent } from '../src/lib/content/read';
import { EXPLAINER, fixture, scratch, SECTION, TIMELINE, type Fixture } from './fixtures';

const work = scratch('content-read');
let count = 0;

/** Every problem the reader finds in a fresh scaffold after `change`. */
function problemsAfter(change: (fix: Fixture) => void, ids?: string[]): string[] {
  const fix = fixture(work, `case-${++count}`, ids);
  change(fix);
  const { explainers, problems } = readContent(fix.dir);
  return [...problems, ...explainers.flatMap((e) => e.problems)];
}

/** Adds a paragraph to the scaffold's section, on line 10 of the file. */
const addParagraph = (text: string) => (fix: Fixture) =>
  fix.edit(SECTION, (mdx) => mdx.replace('\n[^1]:', `\n${text}\n\n[^1]:`));

const section = path.join('story', 'sections', '01-what-happened.mdx');

it('the scaffold of `npm run new` has no problems, and neither has a copy of it', () => {
  expect(problemsAfter(() => {})).toEqual([]);
  expect(problemsAfter(() => {}, ['story', 'another-story'])).toEqual([]);
});

describe('an editor’s usual mistakes', () => {
  it.each([
    [
      'a section without a title',
      (f: Fixture) => f.edit(SECTION, (t) => t.replace(/^title:.*\n/m, '')),
      `${section}:2: field "title": is missing`,
    ],
    [
      'a field of the wrong type',
      (f: Fixture) => f.edit(SECTION, (t) => t.replace('order: 1', 'order: first')),
      `${section}:4: field "order": should be number, not "first"`,
    ],
    [
      'a misspelt field name',
      (f: Fixture) => f.edit(SECTION, (t) => t.replace('summary:', 'sumary:')),
      `${section}:5: unknown field "sumary" (did you mean "summary"?); the fields here are: title, slug, oldSlugs, order, summary, later`,
    ],
    [
      'an unquoted day that does not exist (YAML would roll it over into March)',
      (f: Fixture) => f.edit(TIMELINE, (t) => t.replace(/date: '[^']+'/, 'date: 2021-02-30')),
      'story/timeline.yaml:2: event 1 ("A few words on what happened"), field "date": "2021-02-30" is not a real day: February 2021 has 28 days',
    ],
    [
      'a date in words',
      (f: Fixture) => f.edit(EXPLAINER, (t) => t.replace(/^reportDate: .*$/m, 'reportDate: 18 March 2021')),
      'story/explainer.yaml:3: field "reportDate": "18 March 2021" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD',
    ],
    [
      'a timeline event naming its section the old way, "<story>/<slug>"',
      (f: Fixture) =>
        f.edit(TIMELINE, (t) => t.replace('section: what-happened', 'section: story/what-happened')),
      'story/timeline.yaml:5: event 1 ("A few words on what happened"), field "section": use lower-case letters',
    ],
    [
      'a timeline event pointing at a section that does not exist (counted from 1, with its title)',
      (f: Fixture) =>
        f.edit(
          TIMELINE,
          (t) => `${t}  - date: '2021'\n    title: Second event\n    text: One.\n    section: elsewhere\n`,
        ),
      'story/timeline.yaml:10: event 2 ("Second event", 2021): field "section" is "elsewhere", not a section of this explainer; use one of: what-happened',
    ],
    [
      'a source id that is not in explainer.yaml',
      (f: Fixture) => f.edit(TIMELINE, (t) => t.replace('source: first-source', 'source: frist-source')),
      'field "source" is "frist-source", not a source id in',
    ],
    [
      'a scheduled date before the report',
      (f: Fixture) => f.edit(TIMELINE, (t) => t.replace('  - date:', '  - scheduled: true\n    date:')),
      '"scheduled: true" is only for dates after the report date (2021-03-18)',
    ],
    [
      'a YAML indentation slip',
      (f: Fixture) => f.edit(TIMELINE, (t) => t.replace('    text: One sentence', '   text: One sentence')),
      'story/timeline.yaml:4: the YAML cannot be read here',
    ],
    [
      'a typo in a source address (blamed on explainer.yaml, not the footnote citing it)',
      (f: Fixture) =>
        f.edit(EXPLAINER, (t) => t.replace('url: https://example.org/', 'url: htps://example.org/')),
      'story/explainer.yaml:14: source 1 ("first-source"), field "url": must be a web address starting with https:// (or http://)',
    ],
    [
      'a footnote mark without its definition',
      addParagraph('A claim.[^2]'),
      `${section}:10:9: footnote [^2] has no definition`,
    ],
    [
      'an image without alt text',
      addParagraph('![](/images/map.png)'),
      `${section}:10:1: the image /images/map.png has no alt text`,
    ],
    [
      'a heading inside a section',
      addParagraph('## A subheading'),
      `${section}:10:1: a heading inside a section`,
    ],
    [
      'a link to a section that does not exist',
      addParagraph('See [the other part](#other-part).'),
      `${section}:10:5: the link "#other-part" points to no section of this explainer; its sections: what-happened`,
    ],
    [
      'a link to an explainer that does not exist',
      addParagraph('See [another story](/no-such-story/#what-happened).'),
      `${section}:10:5: the link "/no-such-story/#what-happened" points to no explainer of this site`,
    ],
    [
      'a table without a caption line',
      addParagraph('| A | B |\n| --- | --- |\n| 1 | 2 |'),
      `${section}:10:1: a table needs a caption: put a line "Table: what the table shows" just above it`,
    ],
    [
      'a component id with no entry',
      addParagraph('<Person id="nobody">Nobody</Person> spoke.'),
      `${section}:10:1: <Person id="nobody"> has no card in`,
    ],
    [
      'two sections with one slug (both files named)',
      (f: Fixture) => f.write('story/sections/02-again.mdx', f.read(SECTION).replace('order: 1', 'order: 2')),
      /story\/sections\/02-again\.mdx: field "slug" is "what-happened", the same as in \S*story\/sections\/01-what-happened\.mdx/,
    ],
    [
      'two sections with one order (both files named)',
      (f: Fixture) =>
        f.write('story/sections/02-again.mdx', f.read(SECTION).replace('slug: what-happened', 'slug: again')),
      /story\/sections\/02-again\.mdx: field "order" is 1, the same as in \S*story\/sections\/01-what-happened\.mdx/,
    ],
    [
      'a misnamed data file',
      (f: Fixture) => f.write('story/timline.yaml', 'events: []\n'),
      'story/timline.yaml: is not a file the build reads',
    ],
  ])('%s', (_, change, expected: string | RegExp) => {
    const problems = problemsAfter(change).join('\n');
    if (typeof expected === 'string') expect(problems).toContain(expected);
    else expect(problems).toMatch(expected);
  });

  it('a raw { or < in the text: a plain message with the escape to use', () => {
    for (const text of ['Turnout was {7 per cent.', 'Fewer <than half.']) {
      const [problem] = problemsAfter(addParagraph(text));
      expect(problem).toMatch(
        new RegExp(`${section}:10:\\d+: MDX cannot read this: .*write \\\\\\{ for a literal \\{`),
      );
    }
    expect(problemsAfter(addParagraph('Written as text: \\{7\\} and 3 \\< 4.'))).toEqual([]);
  });
});

describe('hostile input', () => {
  it.each([
    ['an import', 'import fs from "node:fs"', 'import and export are not allowed in a section'],
    [
      'an export reading the environment',
      'export const leak = process.env',
      'import and export are not allowed in a section',
    ],
    ['an expression in wire copy', 'Turnout was {7*7} per cent.', '{7*7} would run as code'],
    ['a template placeholder', 'Dear {{name}},', '{{name}} would run as code'],
    ['a script element', '<script>alert(1)</script>', '<script> is not a component sections can use'],
    [
      'an HTML element with a handler',
      '<img src="x" onerror="alert(1)" />',
      '<img> is not a component sections can use',
    ],
    ['an expression as an attribute', '<Term id={"x"}>x</Term>', '<Term id> needs a plain value in quotes'],
    ['a spread of attributes', '<Person {...props}>x</Person>', '<Person> takes only plain attributes'],
    ['an unknown attribute', '<Person id="a" onClick="x">x</Person>', '<Person> has no attribute "onClick"'],
    [
      'a javascript: link',
      '[click](javascript:alert(1))',
      'the address "javascript:alert(1)" is neither a web address',
    ],
    [
      'a data: link',
      '[click](data:text/html,hi)',
      'the address "data:text/html,hi" is neither a web address',
    ],
    [
      'a vbscript: link',
      '[click](vbscript:msgbox)',
      'the address "vbscript:msgbox" is neither a web address',
    ],
    [
      'a javascript: reference definition',
      '[click][x]\n\n[x]: javascript:alert(1)',
      'the address "javascript:alert(1)" is neither',
    ],
    [
      'a protocol-relative link',
      '[elsewhere](//evil.example/)',
      'the address "//evil.example/" is neither a web address',
    ],
    [
      'a control character in the text',
      'Hidden\u0001character.',
      `${section}:10:7: a control character (U+0001`,
    ],
    ['a noncharacter in the text', 'Broken\uFFFEtext.', `${section}:10:7: a noncharacter (U+FFFE`],
    ['a noncharacter of another plane', 'Broken\u{10FFFF}text.', `${section}:10:7: a noncharacter (U+10FFFF`],
    [
      'a bidi override reordering the text',
      'Paid \u202E001$\u202C in cash.',
      `${section}:10:6: a bidirectional control (U+202E`,
    ],
    ['a bidi isolate', 'A \u2066word\u2069 here.', `${section}:10:3: a bidirectional control (U+2066`],
    ['a zero-width space', 'An in\u200Bvisible break.', `${section}:10:6: a zero-width character (U+200B`],
    [
      'a byte order mark inside the text',
      'A mark\uFEFF here.',
      `${section}:10:7: a zero-width character (U+FEFF`,
    ],
    [
      'a remote image (images live in public/images)',
      '![A tracker](https://evil.example/pixel.png)',
      `${section}:10:1: the image "https://evil.example/pixel.png" is on another site`,
    ],
    [
      'a remote image by reference',
      '![A tracker][pixel]\n\n[pixel]: https://evil.example/pixel.png',
      `${section}:10:1: the image "https://evil.example/pixel.png" is on another site`,
    ],
    [
      'a link with a user name before the host',
      '[the BBC](https://www.bbc.co.uk@evil.example/)',
      'the address "https://www.bbc.co.uk@evil.example/" has a user name before "@"',
    ],
    ['a lone carriage return', 'One\rtwo.', `${section}:10:4: a control character (U+000D`],
  ])('in a section, %s, is refused', (_, text, expected) => {
    const problems = problemsAfter(addParagraph(text));
    expect(problems.join('\n')).toContain(expected);
    expect(problems.join('\n')).toMatch(new RegExp(`${section}:\\d+:\\d+: `));
  });

  it.each([
    [
      'a javascript: source url',
      EXPLAINER,
      (t: string) => t.replace('url: https://example.org/', 'url: javascript:alert(1)'),
      'field "url": must be a web address',
    ],
    [
      'a data: source url',
      EXPLAINER,
      (t: string) => t.replace('url: https://example.org/', "url: 'data:text/html,<script>'"),
      'field "url": must be a web address',
    ],
    [
      'a NUL in a title (YAML escape)',
      EXPLAINER,
      (t: string) => t.replace(/^title: .*$/m, 'title: "Bad\\0title"'),
      'field "title": contains a control character',
    ],
    [
      'a vertical tab in the dek',
      EXPLAINER,
      (t: string) => t.replace(/^dek: .*$/m, 'dek: "A\\vdek that says things"'),
      'field "dek": contains a control character',
    ],
    [
      'an escape character in an event',
      TIMELINE,
      (t: string) => t.replace('text: One sentence on it.', 'text: "One \\e sentence"'),
      'field "text": contains a control character',
    ],
    [
      'a noncharacter in a title',
      EXPLAINER,
      (t: string) => t.replace(/^title: .*$/m, 'title: Bad\uFFFF title'),
      'field "title": contains a noncharacter',
    ],
    [
      'half a surrogate pair in the dek (YAML escape)',
      EXPLAINER,
      (t: string) => t.replace(/^dek: .*$/m, 'dek: "A \\uD800 dek"'),
      'field "dek": contains a noncharacter',
    ],
    [
      'a bidi override in a title',
      EXPLAINER,
      (t: string) => t.replace(/^title: .*$/m, 'title: Talks \u202Edeliaf\u202C today'),
      'field "title": contains a bidirectional control (an invisible character that reorders the text), U+202E',
    ],
    [
      'a zero-width space as a section title',
      SECTION,
      (t: string) => t.replace(/^title: .*$/m, 'title: "\u200B"'),
      '01-what-happened.mdx:2: field "title": contains a zero-width character',
    ],
    [
      'a bidi isolate in an event',
      TIMELINE,
      (t: string) => t.replace('text: One sentence on it.', 'text: One \u2067sentence'),
      'field "text": contains a bidirectional control',
    ],
    [
      'a bidi override in a source address',
      EXPLAINER,
      (t: string) => t.replace('url: https://example.org/', 'url: https://example.org/\u202Efdp.exe'),
      'field "url": must be a web address',
    ],
    [
      'a source url with a user name before the host',
      EXPLAINER,
      (t: string) => t.replace('url: https://example.org/', 'url: https://a.b@evil.example/'),
      'field "url": has a user name before "@"',
    ],
    [
      'markup in an old slug',
      SECTION,
      (t: string) => t.replace('order: 1', "order: 1\noldSlugs: ['\"><svg onload=alert(1)>']"),
      '01-what-happened.mdx:5: old slug 1: use lower-case letters',
    ],
    [
      'a path in a slug',
      SECTION,
      (t: string) => t.replace('slug: what-happened', 'slug: ../../evil'),
      'field "slug": use lower-case letters',
    ],
  ])('in a data file, %s, is refused', (_, file, change, expected) => {
    expect(problemsAfter((f) => f.edit(file, change)).join('\n')).toContain(expected);
  });

  it.each([
    ['_astro', 'cannot be a URL'],
    ['_headers', 'cannot be a URL'],
    ['sitemap-index.xml', 'cannot be a URL'],
    ['%2e%2e', 'cannot be a URL'],
    ['Upper-Case', 'cannot be a URL'],
    ['with space', 'cannot be a URL'],
    ['m\u043escow', 'cannot be a URL'],
    ['og', 'is used by the site itself'],
    ['404', 'is used by the site itself'],
    ['search', 'is used by the site itself'],
    ['pagefind', 'is used by the site itself'],
  ])('an explainer folder named "%s" is refused, and named', (name, expected) => {
    const problems = problemsAfter((f) => {
      mkdirSync(path.join(f.dir, name), { recursive: true });
      writeFileSync(path.join(f.dir, name, 'explainer.yaml'), f.read(EXPLAINER));
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(
        `${name.replace(/[.%]/g, '\\$&')}: the folder name "${name.replace(/[.%]/g, '\\$&')}" ${expected}`,
      ),
    );
  });

  it('ignores hidden and editor files in sections/, whatever they hold', () => {
    const fix = fixture(work, 'editor-files');
    const evil = fix
      .read(SECTION)
      .replace('slug: what-happened', "slug: '../../index'")
      .replace('order: 1', 'order: 9');
    fix.write('story/sections/.wip.mdx', evil);
    fix.write('story/sections/#01-what-happened.mdx#', evil);
    fix.write('story/sections/01-what-happened.mdx~', evil);
    fix.write('story/sections/.01-what-happened.mdx.swp', evil);
    symlinkSync('root@host.1234:1700000000', path.join(fix.dir, 'story/sections/.#01-what-happened.mdx'));
    const { explainers, problems } = readContent(fix.dir);
    expect([...problems, ...explainers[0]!.problems]).toEqual([]);
    expect(explainers[0]!.sections.map((s) => s.path)).toEqual(['sections/01-what-happened.mdx']);
  });

  it.each([
    [
      'a component named like an Object property',
      addParagraph('<constructor id="x" />'),
      `${section}:10:1: <constructor> is not a component sections can use`,
    ],
    [
      'a YAML alias bomb (billion laughs)',
      (f: Fixture) =>
        f.write(
          TIMELINE,
          `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from(
            { length: 8 },
            (_, i) =>
              `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
                .fill(`*${String.fromCharCode(97 + i)}`)
                .join(',')}]`,
          ).join('\n')}\n`,
        ),
      'story/timeline.yaml:2: the YAML cannot be read (Excessive alias count',
    ],
    [
      'a folder named like a section',
      (f: Fixture) => mkdirSync(path.join(f.dir, 'story/sections/02-b.mdx')),
      'story/sections/02-b.mdx: is a folder',
    ],
    [
      'a folder named like a data file',
      (f: Fixture) => mkdirSync(path.join(f.dir, 'story/whos-who.yaml')),
      'story/whos-who.yaml: is a folder',
    ],
  ])('%s is a problem naming the file, not a crash', (_, change, expected) => {
    expect(problemsAfter(change).join('\n')).toContain(expected);
  });

  it('reports a file in an explainer folder that the build would ignore', () => {
    const problems = problemsAfter((f) => f.write('story/notes.md', 'Notes to self'));
    expect(problems).toEqual([expect.stringContaining('story/notes.md: is not a file the build reads')]);
  });

  it('refuses a content folder that is a symbolic link', () => {
    const fix = fixture(work, 'linked-root');
    const linked = path.join(work, 'linked-root', 'linked');
    symlinkSync(fix.dir, linked);
    const { explainers, problems } = readContent(linked);
    expect(explainers).toEqual([]);
    expect(problems).toEqual([
      expect.stringContaining('linked: is a symbolic link; the content folder must be a plain folder'),
    ]);
  });

  it.each([
    [
      'a quote nested 600 deep',
      '> '.repeat(600) + 'Deep.',
      `${section}:10:1: quotes or lists nest here more than 32 levels deep`,
    ],
    [
      '"- " 10,000 times (a list nested 10,000 deep)',
      '- '.repeat(10_000) + 'x',
      `${section}:10:1: quotes or lists nest here`,
    ],
    [
      'emphasis nested 10,000 deep',
      '*'.repeat(10_000) + 'x' + '*'.repeat(10_000),
      `${section}:10:1: emphasis or links nest here`,
    ],
    [
      'alternating emphasis nested 10,000 deep',
      '*a _a '.repeat(5_000) + 'x' + ' a_ a*'.repeat(5_000),
      `${section}:10:`,
    ],
    [
      'links nested 10,000 deep',
      '['.repeat(10_000) + 'x' + '](/a)'.repeat(10_000),
      `${section}:10:33: emphasis or links nest here`,
    ],
    [
      'a quote 20 deep holding emphasis 15 deep (each under the limit, together over it)',
      '> '.repeat(20) + '_a '.repeat(15) + 'x' + ' a_'.repeat(15),
      `${section}:10:77: this nests more than 32 levels deep`,
    ],
  ])('in a section, %s, is refused within seconds', (_, text, expected) => {
    const started = performance.now();
    expect(problemsAfter(addParagraph(text)).join('\n')).toContain(expected);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each([
    [
      '"- " 10,000 times',
      'keyPoints:\n' + '- '.repeat(10_000) + 'x\n',
      'story/explainer.yaml:2: lists and fields nest more than 32 levels deep',
    ],
    [
      '"[" 10,000 times',
      'keyPoints: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n',
      'story/explainer.yaml:1: lists and fields nest more than 32',
    ],
  ])('in a data file, %s, is refused before it is parsed', (_, yaml, expected) => {
    expect(problemsAfter((f) => f.write(EXPLAINER, yaml)).join('\n')).toContain(expected);
  });

  it.each([
    [
      'a section of 250 KB',
      (f: Fixture) => addParagraph('Words and more words. '.repeat(11_400))(f),
      `${section}:1: the file is 252 KB; at most 200 KB`,
    ],
    [
      'a timeline of 600 KB',
      (f: Fixture) => f.edit(TIMELINE, (t) => `# ${'x'.repeat(600_000)}\n${t}`),
      'story/timeline.yaml:1: the file is 601 KB; at most 500 KB',
    ],
    [
      'a title of 100 KB',
      (f: Fixture) => f.edit(EXPLAINER, (t) => t.replace(/^title: .*$/m, `title: ${'Long '.repeat(20_000)}`)),
      'story/explainer.yaml:1: field "title": is 99999 characters long; at most 200',
    ],
    [
      'a dek of 10,000 characters',
      (f: Fixture) => f.edit(EXPLAINER, (t) => t.replace(/^dek: .*$/m, `dek: ${'Dek '.repeat(2_500)}`)),
      'field "dek": is 9999 characters long; at most 2000',
    ],
    [
      'a source address of 3,000 characters',
      (f: Fixture) =>
        f.edit(EXPLAINER, (t) =>
          t.replace('url: https://example.org/', `url: https://example.org/${'a'.repeat(3_000)}`),
        ),
      'field "url": is 3020 characters long; at most 2000',
    ],
    [
      'a slug of 252 characters',
      (f: Fixture) => f.edit(SECTION, (t) => t.replace('slug: what-happened', `slug: ${'a'.repeat(252)}`)),
      `${section}:3: field "slug": is 252 characters long; at most 80`,
    ],
    [
      'a section file name of 240 characters',
      (f: Fixture) => f.write(`story/sections/02-${'b'.repeat(237)}.mdx`, f.read(SECTION)),
      'the file name is too long; at most 80 characters before .mdx',
    ],
    [
      'an explainer folder name of 240 characters',
      (f: Fixture) => f.write(`${'c'.repeat(240)}/explainer.yaml`, f.read(EXPLAINER)),
      'the folder name is 240 characters long; at most 80',
    ],
    [
      'a timeline of 501 events',
      (f: Fixture) => f.edit(TIMELINE, (t) => `events:\n${t.slice('events:\n'.length).repeat(501)}`),
      'story/timeline.yaml:2: field "events": has more than 500 entries',
    ],
  ])('%s is refused, naming the file and line, within seconds', (_, change, expected) => {
    const started = performance.now();
    expect(problemsAfter(change).join('\n')).toContain(expected);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('refuses a link where a file should be, and a file that is not a section', () => {
    const problems = problemsAfter((f) => {
      symlinkSync('/etc/passwd', path.join(f.dir, 'story/sections/02-passwd.mdx'));
      f.write('story/sections/notes.txt', 'Notes to self');
    });
    expect(problems).toEqual(
      [
        'story/sections/02-passwd.mdx: is a symbolic link; a content file must be a plain file in the folder',
        'story/sections/notes.txt: is not a .mdx file, so the build would ignore it; rename or remove it',
      ].map((p) => expect.stringContaining(p)),
    );
  });
});

describe('legal content', () => {
  it('accepts markup characters as text everywhere: they are escaped on output, never refused', () => {
    const problems = problemsAfter((f) => {
      f.edit(EXPLAINER, (t) =>
        t.replace(/^title: .*$/m, `title: '<script>alert("x")</script> & "Erdoğan" ]]> «Талибан»'`),
      );
      f.edit(SECTION, (t) => t.replace(/^summary: .*$/m, "summary: '</title><b>bold</b> & more'"));
    });
    expect(problems).toEqual([]);
  });

  it('accepts nesting a story uses: a list in a list in a quote, emphasis in a link', () => {
    const problems = problemsAfter(
      addParagraph('> - One\n>   - Two, **very *much* so**\n>     1. Three ~~[*a link*](/story/)~~'),
    );
    expect(problems).toEqual([]);
  });

  it('counts no nesting on a line of spaces: the MDX compiler sees the frontmatter blanked to them', () => {
    expect(readSectionText(`${' '.repeat(300)}\n${' '.repeat(300)}\n\nText.\n`, 1).problems).toEqual([]);
  });

  it('accepts Windows line ends (CR LF) in every file', () => {
    const problems = problemsAfter((f) => {
      addParagraph('A second paragraph,\nover two lines.')(f);
      for (const file of [EXPLAINER, TIMELINE, SECTION]) f.edit(file, (t) => t.replace(/\n/g, '\r\n'));
    });
    expect(problems).toEqual([]);
  });

  it('accepts the joiners Persian, Arabic and emoji need, and the direction marks', () => {
    const problems = problemsAfter((f) => {
      f.edit(EXPLAINER, (t) =>
        t.replace(/^title: .*$/m, 'title: می\u200Cخواهم and 👩\u200D👩\u200D👧 \u200Fنعم\u200E'),
      );
      addParagraph('Persian: می\u200Cخواهم. A family: 👩\u200D👩\u200D👧.')(f);
    });
    expect(problems).toEqual([]);
  });

  it('links across sections and explainers, old slugs included', () => {
    const problems = problemsAfter(
      (f) => {
        f.edit(SECTION, (t) => t.replace('order: 1', 'order: 1\noldSlugs: [before]'));
        addParagraph(
          'See [this part](#before), [the other story](/another-story/), [its part](/another-story/#what-happened) and [its page](/another-story/what-happened/).',
        )(f);
      },
      ['story', 'another-story'],
    );
    expect(problems).toEqual([]);
  });

  it('refuses a link from a published explainer to a draft', () => {
    const problems = problemsAfter(
      (f) => {
        f.edit('another-story/explainer.yaml', (t) =>
          t.replace(/^updated: .*$/m, (line) => `${line}\ndraft: true`),
        );
        addParagraph('See [the other story](/another-story/).')(f);
      },
      ['story', 'another-story'],
    );
    expect(problems.join('\n')).toContain('points to another-story, a draft that is not published');
  });
});

describe('the change log (changes.yaml)', () => {
  const log = (entry: string) => (f: Fixture) => {
    f.edit(EXPLAINER, (t) => t.replace(/^updated: .*$/m, "updated: '2026-12-04'"));
    f.write('story/changes.yaml', `changes:\n${entry}`);
  };
  const entry = (fields: Record<string, string>) =>
    Object.entries({
      date: "'2026-12-04'",
      kind: 'correction',
      sections: '[what-happened]',
      text: 'It was wrong.',
      ...fields,
    })
      .map(([key, value], index) => `${index === 0 ? '  - ' : '    '}${key}: ${value}`)
      .join('\n') + '\n';

  it('accepts a correction, a clarification and an update within the story’s dates', () => {
    expect(
      problemsAfter(
        log(
          entry({}) +
            entry({ kind: 'clarification', date: "'2021-03-18'" }) +
            entry({ kind: 'update', sections: '[]' }),
        ),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'a correction that names no section',
      { sections: '[]' },
      'changes.yaml:4: change 1, field "sections": a correction names the sections it touches',
    ],
    [
      'a correction of a section that does not exist',
      { sections: '[what-happend]' },
      'changes.yaml:4: change 1 (correction, 2026-12-04): field "sections" has "what-happend", not a section of this explainer; use one of: what-happened',
    ],
    [
      'an entry dated after "updated"',
      { date: "'2026-12-05'" },
      'changes.yaml:2: change 1 (correction, 2026-12-05): field "date" is after "updated" (2026-12-04)',
    ],
    [
      'an entry dated before the report',
      { date: "'2021-03-17'" },
      'changes.yaml:2: change 1 (correction, 2021-03-17): field "date" is before the report date (2021-03-18)',
    ],
    [
      'an unknown kind',
      { kind: 'erratum' },
      'changes.yaml:3: change 1, field "kind": must be one of: correction, clarification, update',
    ],
  ])('refuses %s, naming the line', (_, fields, expected) => {
    const problems = problemsAfter(log(entry(fields)));
    expect(problems.join('\n')).toContain(expected);
  });
});

it('counts, per explainer, the footnotes that quote no passage of their source (a warning)', () => {
  const fix = fixture(work, 'evidence');
  const read = () => readContent(fix.dir).explainers[0]!;
  expect(read().warnings).toEqual([
    expect.stringMatching(/story: warning: 1 of 1 footnotes quote no passage of their source as evidence/),
  ]);
  fix.edit(SECTION, (t) => `${t.trimEnd()}\n\n    > The passage, word for word.\n`);
  expect(read().warnings).toEqual([]);
  expect(read().problems).toEqual([]);
});

describe('every problem in one pass (issue 20, finding 6)', () => {
  it('checks the timeline against the sections while explainer.yaml has a day-first date, and says how to write it', () => {
    const problems = problemsAfter((f) => {
      f.edit(EXPLAINER, (t) => t.replace(/reportDate: '[^']+'/, "reportDate: '31/08/2021'"));
      f.edit(TIMELINE, (t) => t.replace('section: what-happened', 'section: what-happend'));
    });
    expect(problems).toEqual([
      expect.stringMatching(/story\/explainer\.yaml:3: field "reportDate": .*write '2021-08-31'/),
      expect.stringMatching(/story\/timeline\.yaml:5: event 1 .*field "section" is "what-happend"/),
    ]);
  });

  it('checks the events that read while another event has a bad date', () => {
    const problems = problemsAfter((f) =>
      f.edit(
        TIMELINE,
        (t) =>
          t.replace(/date: '[^']+'/, "date: '31/08/2021'") +
          t.replace('events:\n', '').replace('section: what-happened', 'section: what-happend'),
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/story\/timeline\.yaml:2: event 1 .*field "date": .*write '2021-08-31'/),
      expect.stringMatching(/story\/timeline\.yaml:10: event 2 .*field "section" is "what-happend"/),
    ]);
  });

  it('does not call a section missing when only its own frontmatter failed, and guesses the misspelt field', () => {
    const problems = problemsAfter((f) => f.edit(SECTION, (t) => t.replace('summary:', 'sumary:')));
    expect(problems).toEqual([
      expect.stringContaining(`${section}:2: field "summary": is missing`),
      expect.stringContaining(`${section}:5: unknown field "sumary" (did you mean "summary"?)`),
    ]);
  });

  it('still checks the timeline against the slug of a section whose frontmatter failed', () => {
    const problems = problemsAfter((f) => {
      f.edit(SECTION, (t) => t.replace('summary:', 'sumary:'));
      f.edit(TIMELINE, (t) => t.replace('section: what-happened', 'section: what-happend'));
    });
    expect(problems).toEqual([
      expect.stringContaining(`${section}:2: field "summary": is missing`),
      expect.stringContaining(`${section}:5: unknown field "sumary" (did you mean "summary"?)`),
      expect.stringMatching(/story\/timeline\.yaml:5: event 1 .*field "section" is "what-happend"/),
    ]);
  });
});

describe('the scaffold without a report date (issue 20, finding 7)', () => {
  it('leaves YYYY-MM-DD where the dates go, which the reader refuses in plain words', () => {
    const dir = scratch('no-report-date');
    expect(scaffold(dir, 'story', '2026-12-04')).toBeUndefined();
    const [story] = readContent(dir).explainers;
    expect(story!.draft).toBe(true);
    expect(story!.problems).toEqual([
      expect.stringMatching(
        /story\/explainer\.yaml:3: field "reportDate": is still "YYYY-MM-DD", the placeholder of npm run new: write the date/,
      ),
      expect.stringMatching(/story\/explainer\.yaml:14: source 1 .*field "date": is still "YYYY-MM-DD"/),
      expect.stringMatching(/story\/timeline\.yaml:2: event 1 .*field "date": is still "YYYY-MM-DD"/),
    ]);
    expect(scaffold(dir, 'other', '2026-12-04', '2021-02-30')).toMatch(/not a real day/);
  });
});

describe('typographic quotes in YAML text (issue 20, finding 7)', () => {
  it('curls quotes and apostrophes in text fields, as smartypants does in sections, never in ids or addresses', () => {
    const fix = fixture(work, 'quotes');
    fix.edit(EXPLAINER, (t) =>
      t
        .replace(/^title: .*$/m, `title: 'Why "the deadline" is ''tough'' and it''s near'`)
        .replace('url: https://example.org/', "url: https://example.org/it's-here")
        .replace(/description: .*$/m, `description: Biden's remarks`),
    );
    fix.edit(SECTION, (t) => t.replace('(https://example.org/)', "(https://example.org/it's-here)"));
    const [story] = readContent(fix.dir).explainers;
    expect(story!.problems).toEqual([]);
    expect(story!.title).toBe('Why \u201cthe deadline\u201d is \u2018tough\u2019 and it\u2019s near');
    expect(story!.sources[0]).toMatchObject({
      id: 'first-source',
      description: 'Biden\u2019s remarks',
      url: "https://example.org/it's-here",
    });
  });
});

describe('what stories share: topics, people and terms (issue 22)', () => {
  const addTopics = (id: string, topics: string) => (f: Fixture) =>
    f.edit(`${id}/explainer.yaml`, (t) => t.replace(/^sources:/m, `topics: ${topics}\nsources:`));
  const people = (name: string, about: string) =>
    `people:\n  - id: envoy\n    name: ${name}\n    role: Envoy\n    about: ${about}\n    sources: [first-source]\n`;
  /** Problems and warnings of each explainer, by id. */
  function read(change: (fix: Fixture) => void) {
    const fix = fixture(work, `case-${++count}`, ['story', 'another-story']);
    change(fix);
    return Object.fromEntries(
      readContent(fix.dir).explainers.map((e) => {
        const relative = (lines: string[]) => lines.map((line) => line.replaceAll(`${fix.dir}/`, ''));
        return [e.id, { problems: relative(e.problems), warnings: relative(e.warnings) }];
      }),
    );
  }

  it('accepts topics spelt alike in two stories, and none at all', () => {
    const found = read((f) => {
      addTopics('story', '[Afghanistan, Russia]')(f);
      addTopics('another-story', '[Russia]')(f);
    });
    expect(found.story!.problems).toEqual([]);
    expect(found['another-story']!.problems).toEqual([]);
    expect(problemsAfter(() => {})).toEqual([]);
  });

  it.each([
    [
      'the same topic twice',
      '[Afghanistan, afghanistan]',
      'story/explainer.yaml:9: topic 2: "afghanistan" is the same topic as "Afghanistan" (both /topics/afghanistan/); keep one',
    ],
    [
      'a topic with no letter for its address',
      '[Україна]',
      'story/explainer.yaml:9: topic 1: has no letter a-z or digit for its address',
    ],
    [
      'more than eight topics',
      `[${'abcdefghi'.split('').join(', ')}]`,
      'story/explainer.yaml:9: field "topics": has more than 8 entries',
    ],
    [
      'a long topic',
      `[${'Word '.repeat(13)}]`,
      'story/explainer.yaml:9: topic 1: is 64 characters long; at most 60',
    ],
    [
      'an invisible character',
      '["Afghan\u200Bistan"]',
      'story/explainer.yaml:9: topic 1: contains a zero-width character',
    ],
  ])('refuses %s, naming file, line and field', (_, topics, expected) => {
    expect(problemsAfter(addTopics('story', topics)).join('\n')).toContain(expected);
  });

  it('refuses one topic spelt two ways in two stories, in both, each naming the other', () => {
    const found = read((f) => {
      addTopics('story', '[Russia, Afghanistan]')(f);
      addTopics('another-story', '[afghanistan]')(f);
    });
    expect(found.story!.problems).toEqual([
      'story/explainer.yaml:9: topic 2 "Afghanistan" is written "afghanistan" in another-story/explainer.yaml:9; one topic has one page and one name: spell it the same in both',
    ]);
    expect(found['another-story']!.problems).toEqual([
      'another-story/explainer.yaml:9: topic 1 "afghanistan" is written "Afghanistan" in story/explainer.yaml:9; one topic has one page and one name: spell it the same in both',
    ]);
  });

  it('refuses one person id with two names; warns of two descriptions; a draft’s conflict is the draft’s alone', () => {
    const withCards = (first: string, second: string) => (f: Fixture) => {
      f.write('story/whos-who.yaml', first);
      f.write('another-story/whos-who.yaml', second);
    };
    const names = read(
      withCards(people('Zalmay Khalilzad', 'US envoy.'), people('Z. Khalilzad', 'US envoy.')),
    );
    expect(names.story!.problems).toEqual([
      'story/whos-who.yaml:3: person 1 ("envoy"), field "name": "Zalmay Khalilzad", but "Z. Khalilzad" in another-story/whos-who.yaml:3; one id is one person on one page: write the same name, or give a different person another id',
    ]);
    expect(names['another-story']!.problems).toHaveLength(1);

    const abouts = read(
      withCards(people('Zalmay Khalilzad', 'US envoy.'), people('Zalmay Khalilzad', 'Former US envoy.')),
    );
    expect(abouts.story!.problems).toEqual([]);
    expect(abouts.story!.warnings).toContain(
      'story/whos-who.yaml:5: warning: person 1 ("envoy"), field "about" differs from another-story/whos-who.yaml:5; if it is the same fact, copy one text into both (the person\'s page shows the newest story\'s); keep yours only if it tells it as of this story\'s report date',
    );

    const draft = read((f) => {
      withCards(people('Zalmay Khalilzad', 'US envoy.'), people('Z. Khalilzad', 'US envoy.'))(f);
      f.edit('another-story/explainer.yaml', (t) =>
        t.replace(/^updated: .*$/m, (line) => `${line}\ndraft: true`),
      );
    });
    expect(draft.story!.problems).toEqual([]);
    expect(draft['another-story']!.problems).toHaveLength(1);
  });

  it('refuses one term id with two headings, naming the field', () => {
    const glossary = (term: string) =>
      `terms:\n  - id: doha\n    term: ${term}\n    definition: The 2020 deal.\n    sources: [first-source]\n`;
    const found = read((f) => {
      f.write('story/glossary.yaml', glossary('Doha agreement'));
      f.write('another-story/glossary.yaml', glossary('Doha accord'));
    });
    expect(found.story!.problems.join('\n')).toContain(
      'story/glossary.yaml:3: term 1 ("doha"), field "term": "Doha agreement", but "Doha accord" in another-story/glossary.yaml:3',
    );
  });

  it('refuses an explainer folder named like a page of the site: topics, people, terms', () => {
    for (const name of ['topics', 'people', 'terms']) {
      const fix = fixture(work, `case-${++count}`);
      renameSync(path.join(fix.dir, 'story'), path.join(fix.dir, name));
      expect(readContent(fix.dir).problems.join('\n')).toContain(
        `the folder name "${name}" is used by the site itself`,
      );
    }
  });
});
