/**
 * The build itself on content that is wrong, hostile or unfinished (tests/content-read.test.ts
 * covers each mistake in the reader, in milliseconds): a broken explainer stops the build with
 * its file and line and leaves the last good dist/ in place; code in a section never runs;
 * markup in legal text comes out escaped in every format the site writes; drafts stay out; and
 * in `npm run dev` one broken explainer does not take the others down.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { SyntaxValidator } from 'fast-xml-validator';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { cacheDirFor } from '../src/lib/content-dir';
import { curlyQuotes } from '../src/lib/content/schemas';
import { astroBuild, cleanEnv, root } from './build';
import { freePort } from './free-port';
import { EXPLAINER, fixture, scratch, SECTION, TIMELINE } from './fixtures';
import { attr, findAll, hasAttr, parseDocument, rawText, textOf } from './html';
import { decodePng } from './png';

const work = scratch('content-build');

/** Builds `contentDir` the way `npm run build` does, into `outDir`. */
function safeBuild(contentDir: string, outDir: string) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.ts')], {
    cwd: root,
    env: {
      ...cleanEnv(),
      CONTENT_DIR: contentDir,
      OUT_DIR: outDir,
      CACHE_DIR: `${outDir}-cache`,
      NO_COLOR: '1',
    },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

// A new newsroom starts with no explainers: its site builds, and the home page says so.
it('with no explainers at all, builds a home page that says nothing is published yet', () => {
  const contentDir = path.join(work, 'empty', 'content');
  mkdirSync(contentDir, { recursive: true });
  const outDir = path.join(work, 'empty', 'dist');
  const { status, output } = safeBuild(contentDir, outDir);
  expect(status, output).toBe(0);
  const home = parseDocument(readFileSync(path.join(outDir, 'index.html'), 'utf8'));
  const main = findAll(home, (el) => el.tagName === 'main')[0]!;
  expect(textOf(main)).toMatch(/Nothing is published yet/);
  expect(findAll(main, (el) => el.tagName === 'li')).toEqual([]);
});

// `npm test` builds its own content folder, then an editor runs `npm run build` on content/:
// neither may find the other's entries in Astro's cache (no CACHE_DIR here, as on their machine).
it('builds one story from two content folders in turn, the default cache kept between them', () => {
  // The same section, edited in the second folder (Astro reuses an unchanged entry silently).
  const folders = ['first', 'second'].map((name) => {
    const fix = fixture(work, `moved-${name}`);
    fix.edit(SECTION, (text) => `${text}\nThe ${name} folder's copy.\n`);
    return fix.dir;
  });
  const builds = folders.map((dir) => astroBuild({ CONTENT_DIR: dir, OUT_DIR: `${dir}-dist` }));
  for (const dir of folders) rmSync(path.join(root, cacheDirFor(dir)), { recursive: true, force: true });
  for (const { status, output } of builds) expect(status, output).toBe(0);
});

describe('a build of broken content', () => {
  it('stops with the file and line, and leaves the previous dist/ as it was', () => {
    const fix = fixture(work, 'broken');
    fix.edit(TIMELINE, (t) => t.replace('section: what-happened', 'section: what-happend'));
    const outDir = path.join(work, 'broken', 'dist');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'index.html'), 'the last good site');
    const { status, output } = safeBuild(fix.dir, outDir);
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /story\/timeline\.yaml:5: event 1 \("A few words on what happened", \d{4}-\d{2}-\d{2}\): field "section" is "what-happend"/,
    );
    // Plainly: the list and a hint, no stack trace into src/ or node_modules (issue 20, finding 6).
    expect(output).not.toMatch(/Stack trace|Location:|node_modules|src\/lib/);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('the last good site');
    expect(readdirSync(path.dirname(outDir)).filter((name) => name.startsWith('dist.'))).toEqual([]);
  });

  it('stops on a quote nested 600 deep with the file and line, where the bundler crashed', () => {
    const fix = fixture(work, 'deep');
    fix.edit(SECTION, (t) => t.replace('\n[^1]:', `\n${'> '.repeat(600)}Deep.\n\n[^1]:`));
    const { status, output } = astroBuild({
      CONTENT_DIR: fix.dir,
      OUT_DIR: path.join(work, 'deep', 'dist'),
      CACHE_DIR: path.join(work, 'deep', 'cache'),
    });
    expect(status).toBe(1);
    expect(output).toMatch(/01-what-happened\.mdx:10:1: quotes or lists nest here more than 32 levels deep/);
  });

  it('never runs code written in a section, nor publishes what it would read', () => {
    const fix = fixture(work, 'code');
    const marker = path.join(work, 'code', 'ran');
    fix.edit(SECTION, (t) =>
      t.replace(
        '\n[^1]:',
        `\nimport { writeFileSync } from 'node:fs'\nexport const leaked = process.env.SECRET_FOR_TEST\n\n{writeFileSync(${JSON.stringify(marker)}, 'ran')}\n\n[^1]:`,
      ),
    );
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'],
      {
        cwd: root,
        env: {
          ...cleanEnv(),
          CONTENT_DIR: fix.dir,
          OUT_DIR: path.join(work, 'code', 'dist'),
          CACHE_DIR: path.join(work, 'code', 'cache'),
          SECRET_FOR_TEST: 'do-not-publish-7c1e',
        },
        encoding: 'utf8',
      },
    );
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output).toMatch(/01-what-happened\.mdx:10:1: import and export are not allowed in a section/);
    expect(output).toMatch(/01-what-happened\.mdx:13:1: \{writeFileSync/);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(path.join(work, 'code', 'dist'))).toBe(false);
  });

  // A "---" at the end of a text line closed the frontmatter for the old checker, which then saw
  // a harmless code block where Astro compiled an import and a <meta> refresh as live MDX.
  it('never runs code hidden behind a "---" at the end of a frontmatter line', () => {
    const fix = fixture(work, 'boundary');
    const marker = path.join(work, 'boundary', 'ran');
    fix.edit(SECTION, (t) =>
      t
        .replace(/^summary: .*$/m, 'summary: Nothing to see---\n  ```')
        .replace(
          '\nWrite the section',
          `\nimport { writeFileSync } from 'node:fs'\nexport const x = writeFileSync(${JSON.stringify(marker)}, 'ran')\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/" />\n\n\`\`\`\n\nWrite the section`,
        ),
    );
    const outDir = path.join(work, 'boundary', 'dist');
    const { status, output } = safeBuild(fix.dir, outDir);
    expect(status).not.toBe(0);
    expect(output).toMatch(/01-what-happened\.mdx:9:1: import and export are not allowed in a section/);
    expect(output).toMatch(/01-what-happened\.mdx:12:1: <meta> is not a component/);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('a build of legal content full of markup characters, with a draft beside it', () => {
  const WRITTEN_TITLE = `<script>alert("t")</script> & "Erdoğan" ]]> «Талибан»`;
  // Text fields get typographic quotes when read (src/lib/content/schemas.ts); the rest is as written.
  const TITLE = curlyQuotes(WRITTEN_TITLE);
  const DEK = `<b>Bold</b> claims & <img src=x onerror=alert(1)> in a dek on the <style> element`;
  const PLACE = `Kabul & <"Kabul">`;
  const fix = fixture(work, 'markup', ['story', 'unfinished']);
  fix.edit('unfinished/explainer.yaml', (t) => t.replace(/^updated: .*$/m, (line) => `${line}\ndraft: true`));
  // Unfinished work may be broken: a draft's text is never compiled into a build.
  fix.edit('unfinished/sections/01-what-happened.mdx', (t) =>
    t.replace('Write the section', 'Write {the section'),
  );
  fix.edit(EXPLAINER, (t) =>
    t
      .replace(/^title: .*$/m, `title: '${WRITTEN_TITLE.replace(/'/g, "''")}'`)
      .replace(/^dek: .*$/m, `dek: '${DEK}'`),
  );
  fix.edit(SECTION, (t) =>
    t
      .replace(/^summary: .*$/m, "summary: '</title><b>A summary</b> & more on <style>'")
      .replace('order: 1', 'order: 1\noldSlugs: [earlier]')
      .replace(
        '\n[^1]:',
        '\nText with \\{braces\\} and 3 \\< 4, [a query](https://example.org/?a=1&b="2").\n\n<LocatorMap />\n\n[^1]:',
      ),
  );
  fix.edit(TIMELINE, (t) => t.replace('text: One sentence on it.', `text: 'An <i>event</i> & more'`));
  fix.write(
    'story/map.yaml',
    `title: A map & <its> title\ndescription: A map of Afghanistan with one place, marked & named.\nfocus: Afghanistan\ncountries: [Pakistan]\nplaces:\n  - { name: '${PLACE}', lon: 69.17, lat: 34.53, kind: capital }\n`,
  );
  // Editors' files beside the sections: a hidden draft whose slug climbs out of the output
  // folder, an autosave, a backup and an Emacs lock (a link to nowhere). None is content.
  const hidden = fix
    .read(SECTION)
    .replace('slug: what-happened', "slug: '../../../escaped'")
    .replace('order: 1', 'order: 7');
  for (const name of ['.wip.mdx', '#01-what-happened.mdx#', '01-what-happened.mdx~'])
    fix.write(`story/sections/${name}`, hidden);
  symlinkSync('editor@host.4242:1700000000', path.join(fix.dir, 'story/sections/.#01-what-happened.mdx'));
  const outDir = path.join(work, 'markup', 'dist');
  const before = readdirSync(path.join(work, 'markup'));
  const build = astroBuild({
    CONTENT_DIR: fix.dir,
    OUT_DIR: outDir,
    CACHE_DIR: path.join(work, 'markup', 'cache'),
    SITE_URL: 'https://example.org',
  });
  const read = (file: string) => readFileSync(path.join(outDir, file), 'utf8');
  const pages = () =>
    readdirSync(outDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.html'))
      .map((file) => ({ file, doc: parseDocument(read(file)) }));

  it('builds, ignoring editor files and writing nothing outside its output folder', () => {
    expect(build.status, build.output).toBe(0);
    expect(readdirSync(path.join(work, 'markup')).sort()).toEqual([...before, 'cache', 'dist'].sort());
    expect(readdirSync(work).filter((name) => name.includes('escaped'))).toEqual([]);
    expect(readdirSync(path.join(outDir, 'story')).sort()).toEqual([
      'earlier',
      'index.html',
      'map-dark.svg',
      'map.svg',
      'what-happened',
    ]);
    expect(readFileSync(path.join(outDir, '_redirects'), 'utf8')).not.toContain('escaped');
  });

  it('escapes the text in every page: no element comes from it, the words come out whole', () => {
    for (const { file, doc } of pages()) {
      const scripts = findAll(
        doc,
        (el) => el.tagName === 'script' && !attr(el, 'src') && attr(el, 'type') !== 'application/ld+json',
      );
      expect(scripts, file).toEqual([]);
      expect(
        findAll(doc, (el) => ['b', 'i', 'img'].includes(el.tagName) && attr(el, 'src') !== '/story/map.svg'),
        file,
      ).toEqual([]);
    }
    const page = parseDocument(read('story/index.html'));
    expect(textOf(findAll(page, (el) => el.tagName === 'h1')[0]!)).toBe(TITLE);
    expect(textOf(page)).toContain(DEK);
    expect(textOf(page)).toContain('Text with {braces} and 3 < 4');
  });

  it('gives every page a CSP allowing exactly its stylesheets, whatever "<style>" its meta tags hold', () => {
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    // Redirect pages carry their own fixed policy.
    for (const { file, doc } of pages().filter(({ file }) => !read(file).includes('http-equiv="refresh"'))) {
      const [head] = findAll(doc, (el) => el.tagName === 'head');
      const first = head!.childNodes.find((n) => 'tagName' in n) as Parameters<typeof attr>[0];
      expect(attr(first, 'http-equiv'), file).toBe('content-security-policy');
      const styleSrc = attr(first, 'content')!
        .split('; ')
        .find((d) => d.startsWith('style-src'));
      const styles = findAll(doc, (el) => el.tagName === 'style').map((el) => hash(rawText(el)));
      expect(styleSrc, file).toBe(["style-src 'self'", ...styles].join(' '));
    }
  });

  it('keeps the text whole in meta tags and JSON-LD', () => {
    const page = parseDocument(read('story/index.html'));
    const meta = (property: string) =>
      attr(findAll(page, (el) => el.tagName === 'meta' && attr(el, 'property') === property)[0]!, 'content');
    expect(meta('og:title')).toBe(TITLE);
    expect(meta('og:description')).toBe(DEK);
    const [jsonLd] = findAll(
      page,
      (el) => el.tagName === 'script' && attr(el, 'type') === 'application/ld+json',
    );
    expect(JSON.parse(rawText(jsonLd!))).toMatchObject({ headline: TITLE, description: DEK });
    const section = parseDocument(read('story/what-happened/index.html'));
    expect(
      attr(
        findAll(section, (el) => el.tagName === 'meta' && attr(el, 'name') === 'description')[0]!,
        'content',
      ),
    ).toBe('</title><b>A summary</b> & more on <style>');
  });

  it('gives feed readers the dek as text, not markup (parsed by a feed parser)', async () => {
    const feed = read('feed.xml');
    expect(SyntaxValidator.validate(feed)).toBe(true);
    const { items } = await new Parser().parseString(feed);
    expect(items.map((item) => item.link)).toEqual(['https://example.org/story/']);
    expect(items[0]!.title).toBe(TITLE);
    // A reader renders the description as HTML: what it shows must be the dek itself.
    const shown = textOf(parseDocument(`<p>${items[0]!.content}</p>`));
    expect(shown).toBe(DEK);
  });

  it('writes a well-formed sitemap and map, and redirects the old slug', () => {
    for (const file of ['sitemap-index.xml', 'sitemap-0.xml', 'story/map.svg', 'story/map-dark.svg'])
      expect(SyntaxValidator.validate(read(file)), file).toBe(true);
    expect(read('story/map.svg')).toContain(`Kabul &amp; &lt;${curlyQuotes('"Kabul"')}&gt;`);
    expect(read('_redirects')).toBe('/story/earlier/ /story/what-happened/ 301\n');
    const redirect = parseDocument(read('story/earlier/index.html'));
    expect(attr(findAll(redirect, (el) => attr(el, 'http-equiv') === 'refresh')[0]!, 'content')).toBe(
      '0; url=/story/what-happened/',
    );
  });

  it('draws the cards of the title and the section, whole PNGs of the card size', () => {
    for (const card of ['og/story.png', 'og/story/what-happened.png']) {
      const { width, height, data } = decodePng(readFileSync(path.join(outDir, card)));
      expect([width, height], card).toEqual([1200, 630]);
      expect(data.length, card).toBe(1200 * 630 * 4);
    }
  });

  it('leaves the draft out of the pages, the feed and the sitemap', () => {
    expect(existsSync(path.join(outDir, 'unfinished'))).toBe(false);
    expect(existsSync(path.join(outDir, 'og', 'unfinished.png'))).toBe(false);
    for (const file of ['feed.xml', 'sitemap-0.xml', 'index.html'])
      expect(read(file), file).not.toContain('unfinished');
  });
});

describe('a build of an explainer with a change log', () => {
  const fix = fixture(work, 'changes');
  const section = (order: number, slug: string) =>
    `---\ntitle: Part ${order}\nslug: ${slug}\norder: ${order}\nsummary: Part ${order} in short.\n---\n\nThe text of part ${order}.[^1]\n\n[^1]: The outlet, 2021-03-18. [example.org](https://example.org/)\n`;
  fix.write('story/sections/02-second.mdx', section(2, 'second'));
  fix.write('story/sections/03-third.mdx', section(3, 'third'));
  fix.edit(EXPLAINER, (t) => t.replace(/^updated: .*$/m, "updated: '2026-12-04'"));
  fix.write(
    'story/changes.yaml',
    [
      'changes:',
      "  - date: '2026-11-28'",
      '    kind: clarification',
      '    sections: [second]',
      '    text: The second part now says who said it.',
      "  - date: '2026-12-04'",
      '    kind: correction',
      '    sections: [what-happened, second]',
      '    text: An earlier version said no one claimed it. A ministry did.',
      '    was: No group said it was responsible.',
      "  - date: '2026-12-01'",
      '    kind: update',
      '    text: A later development was added.',
      '',
    ].join('\n'),
  );
  const outDir = path.join(work, 'changes', 'dist');
  const build = astroBuild({
    CONTENT_DIR: fix.dir,
    OUT_DIR: outDir,
    CACHE_DIR: path.join(work, 'changes', 'cache'),
    SITE_URL: 'https://example.org',
  });
  const read = (file: string) => readFileSync(path.join(outDir, file), 'utf8');
  const notesIn = (doc: ReturnType<typeof parseDocument>, slug: string) => {
    const [section] = findAll(doc, (el) => el.tagName === 'section' && attr(el, 'id') === slug);
    return findAll(section!, hasAttr('data-change-note')).map((el) => attr(el, 'data-change-note'));
  };
  const dateModified = (file: string) => {
    const [jsonLd] = findAll(parseDocument(read(file)), (el) => attr(el, 'type') === 'application/ld+json');
    return (JSON.parse(rawText(jsonLd!)) as { dateModified: string }).dateModified;
  };

  it('builds', () => {
    expect(build.status, build.output).toBe(0);
  });

  it('shows a note at the top of each section a change touches, on the explainer and section pages', () => {
    const page = parseDocument(read('story/index.html'));
    expect(notesIn(page, 'what-happened')).toEqual(['correction']);
    expect(notesIn(page, 'second')).toEqual(['correction', 'clarification']);
    expect(notesIn(page, 'third')).toEqual([]);
    expect(notesIn(parseDocument(read('story/what-happened/index.html')), 'what-happened')).toEqual([
      'correction',
    ]);
    // The note comes before the text it corrects.
    const html = read('story/what-happened/index.html');
    expect(html.indexOf('data-change-note')).toBeLessThan(html.indexOf('Write the section'));
    expect(html.indexOf('Write the section')).toBeGreaterThan(0);
  });

  it('ends every page of the explainer with the whole log, newest first, the earlier wording kept', () => {
    for (const file of ['story/index.html', 'story/third/index.html']) {
      const doc = parseDocument(read(file));
      const entries = findAll(doc, hasAttr('data-change'));
      expect(
        entries.map((el) => attr(el, 'data-change')),
        file,
      ).toEqual(['correction', 'update', 'clarification']);
      expect(textOf(entries[0]!), file).toContain('No group said it was responsible.');
      // Every note links to its entry, which exists on the same page.
      for (const link of findAll(
        doc,
        (el) => el.tagName === 'a' && /^#change-\d+$/.test(attr(el, 'href') ?? ''),
      )) {
        expect(
          findAll(doc, (el) => attr(el, 'id') === attr(link, 'href')!.slice(1)),
          file,
        ).toHaveLength(1);
      }
    }
  });

  it('dates each section page by its own newest change (JSON-LD and sitemap)', () => {
    expect(dateModified('story/what-happened/index.html')).toBe('2026-12-04');
    expect(dateModified('story/second/index.html')).toBe('2026-12-04');
    expect(dateModified('story/third/index.html')).toBe('2021-03-18');
    const sitemap = read('sitemap-0.xml');
    const lastmod = (page: string) =>
      new RegExp(`<loc>https://example.org${page}</loc><lastmod>([^<]+)</lastmod>`).exec(sitemap)?.[1];
    expect(lastmod('/story/what-happened/')).toBe('2026-12-04T00:00:00.000Z');
    expect(lastmod('/story/third/')).toBe('2021-03-18T00:00:00.000Z');
    expect(lastmod('/story/')).toBe('2026-12-04T00:00:00.000Z');
  });

  it('gives the feed an item per change, linking to the section it touches', async () => {
    const feed = read('feed.xml');
    expect(SyntaxValidator.validate(feed)).toBe(true);
    const { items } = await new Parser().parseString(feed);
    expect(items.map((item) => item.link)).toEqual([
      'https://example.org/story/',
      'https://example.org/story/what-happened/#change-2',
      'https://example.org/story/#change-3',
      'https://example.org/story/second/#change-1',
    ]);
    expect(items[1]!.title).toBe('Correction to “What happened?”, in “The headline of the new explainer”');
  });
});

describe('npm run dev with a broken explainer and a draft', () => {
  it('serves the others, shows the draft, and lists the broken one’s problems on its own page', async () => {
    const fix = fixture(work, 'dev', ['story', 'broken', 'unfinished']);
    fix.edit('broken/timeline.yaml', (t) => t.replace('section: what-happened', 'section: nowhere'));
    fix.edit('unfinished/explainer.yaml', (t) =>
      t.replace(/^updated: .*$/m, (line) => `${line}\ndraft: true`),
    );
    const port = await freePort();
    const server = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules/astro/bin/astro.mjs'),
        'dev',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
      ],
      {
        cwd: root,
        env: {
          ...cleanEnv(),
          CONTENT_DIR: fix.dir,
          CACHE_DIR: path.join(work, 'dev', 'cache'),
          NO_COLOR: '1',
          ASTRO_TELEMETRY_DISABLED: '1',
        },
      },
    );
    let seen = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`dev server did not start:\n${seen}`)), 60_000);
        for (const stream of [server.stdout, server.stderr]) {
          stream.on('data', (chunk: Buffer) => {
            seen += chunk.toString();
            const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
            if (match) {
              clearTimeout(timer);
              resolve(match[1]!);
            }
          });
        }
      });
      const get = async (page: string) => {
        const response = await fetch(`${url}${page}`);
        return { status: response.status, text: textOf(parseDocument(await response.text())) };
      };
      // The first request may wait for Vite to prepare its dependencies.
      let home = await get('/');
      for (let i = 0; i < 40 && home.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 500));
        home = await get('/');
      }
      expect(home.status, home.text.slice(0, 2000)).toBe(200);
      expect(home.text).toMatch(/Draft/);
      expect(home.text).toMatch(/Cannot be published yet/);
      const broken = await get('/broken/');
      expect(broken.status).toBe(200);
      expect(broken.text).toContain('This explainer cannot be published yet');
      expect(broken.text).toContain('field "section" is "nowhere"');
      const good = await get('/story/');
      expect(good.status).toBe(200);
      expect(good.text).not.toContain('cannot be published');
      expect((await get('/unfinished/')).text).toContain('Draft: not published');
      // What to fix comes first, above the key points (issue 20, finding 6).
      const box = broken.text.indexOf('This explainer cannot be published yet');
      expect(box).toBeLessThan(broken.text.indexOf('The first thing a reader should take away'));
      expect(box).toBeLessThan(broken.text.indexOf('Timeline'));
      // Fixed, the terminal says so in one line.
      expect(seen).not.toMatch(/content: all clear/);
      fix.edit('broken/timeline.yaml', (t) => t.replace('section: nowhere', 'section: what-happened'));
      for (let i = 0; i < 60 && !/content: all clear/.test(seen); i++)
        await new Promise((r) => setTimeout(r, 500));
      expect(seen).toMatch(/content: all clear/);
    } finally {
      server.kill();
    }
  });
});
