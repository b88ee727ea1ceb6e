/**
 * Broken content must stop the build with a message that names the file and the field.
 * Each case copies the real content, breaks one thing, and builds it into a folder of its own.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { astroBuild, root } from './build';

const story = 'moscow-afghanistan-talks';
const work = mkdtempSync(path.join(tmpdir(), 'content-errors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Copies content/explainers, lets `breakIt` edit the copy, builds it, and returns the build. */
function buildBroken(
  name: string,
  breakIt: (edit: (file: string, change: (text: string) => string) => void) => void,
) {
  const dir = path.join(work, name);
  const contentDir = path.join(dir, 'content');
  cpSync(path.join(root, 'content/explainers'), contentDir, { recursive: true });
  breakIt((file, change) => {
    const target = path.join(contentDir, story, file);
    const before = readFileSync(target, 'utf8');
    const after = change(before);
    // A change that matches nothing would build the good content and prove nothing.
    if (after === before) throw new Error(`the fixture edit changed nothing in ${file}`);
    writeFileSync(target, after);
  });
  return astroBuild({
    CONTENT_DIR: contentDir,
    OUT_DIR: path.join(dir, 'dist'),
    CACHE_DIR: path.join(dir, 'cache'),
  });
}

describe('broken content stops the build', () => {
  it('a section without a title: names the file and "title"', () => {
    const { status, output } = buildBroken('missing-title', (edit) =>
      edit('sections/03-stalled-talks.mdx', (text) => text.replace(/^title:.*\n/m, '')),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(`${story}/sections/03-stalled-talks.mdx`);
    expect(output).toMatch(/title: Required/);
  });

  it('a day that does not exist: names the file, the event and "date"', () => {
    const { status, output } = buildBroken('bad-date', (edit) =>
      edit('timeline.yaml', (text) => text.replace(/date: ['"]2021-02-17['"]/, "date: '2021-02-30'")),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(`${story}/timeline.yaml`);
    expect(output).toMatch(/events\.\d+\.date: "2021-02-30" is not a real day/);
  });

  it('a timeline event pointing at a section that does not exist: names the file and "section"', () => {
    const { status, output } = buildBroken('unknown-section', (edit) =>
      edit('timeline.yaml', (text) =>
        text.replace(`section: ${story}/stalled-talks`, `section: ${story}/stalled`),
      ),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(
      new RegExp(`${story}/timeline\\.yaml: events\\[\\d+\\]\\.section "${story}/stalled"`),
    );
  });

  it('two sections with one slug: names both files', () => {
    const { status, output } = buildBroken('duplicate-slug', (edit) =>
      edit('sections/07-china-and-pakistan.mdx', (text) =>
        text.replace('slug: china-and-pakistan', 'slug: why-russia-cares'),
      ),
    );
    expect(status).not.toBe(0);
    // An error, not a warning: a warned duplicate silently replaces one section with the other.
    expect(output).toMatch(
      /\[DuplicateContentEntrySlugError\].*multiple entries with the same slug: `moscow-afghanistan-talks\/why-russia-cares`/,
    );
    expect(output).toContain('06-why-russia-cares.mdx');
    expect(output).toContain('07-china-and-pakistan.mdx');
  });

  it('two sections with one order: names both files and "order"', () => {
    const { status, output } = buildBroken('duplicate-order', (edit) =>
      edit('sections/07-china-and-pakistan.mdx', (text) => text.replace('order: 7', 'order: 6')),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /07-china-and-pakistan\.mdx: field "order" is 6, the same as in \S*06-why-russia-cares\.mdx/,
    );
  });

  it('a field of the wrong type: names the file and "order"', () => {
    const { status, output } = buildBroken('wrong-type', (edit) =>
      edit('sections/02-may-deadline.mdx', (text) => text.replace('order: 2', 'order: second')),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(`${story}/sections/02-may-deadline.mdx`);
    expect(output).toMatch(/order: Expected type `"number"`, received `"string"`/);
  });

  it('a malformed date: names the file and "reportDate"', () => {
    const { status, output } = buildBroken('malformed-date', (edit) =>
      edit('explainer.yaml', (text) => text.replace(/^reportDate: .*$/m, 'reportDate: 18 March 2021')),
    );
    expect(status).not.toBe(0);
    expect(output).toContain(`${story}/explainer.yaml`);
    expect(output).toMatch(/reportDate: "18 March 2021" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD/);
  });

  it('a footnote mark without its definition: names the file, the line and the mark', () => {
    const { status, output } = buildBroken('footnote', (edit) =>
      edit('sections/06-why-russia-cares.mdx', (text) =>
        text.replace('stayed in close contact with them.', 'stayed in close contact with them.[^7]'),
      ),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/footnote \[\^7\] has no definition/);
    expect(output).toMatch(/sections\/06-why-russia-cares\.mdx:\d+:\d+/);
  });

  it('an MDX syntax error: names the file and the line', () => {
    const { status, output } = buildBroken('mdx-syntax', (edit) =>
      edit('sections/03-stalled-talks.mdx', (text) => `${text}\nThe talks {resumed in February.\n`),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/sections\/03-stalled-talks\.mdx:\d+:\d+/);
  });

  it('an image without alt text: names the file, the line and the image', () => {
    const { status, output } = buildBroken('image-alt', (edit) =>
      edit('sections/01-moscow-meeting.mdx', (text) =>
        text.replace(/\n\n\[\^1\]:/, '\n\n![](/og/site.png)\n\n[^1]:'),
      ),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/image \/og\/site\.png has no alt text/);
    expect(output).toMatch(/sections\/01-moscow-meeting\.mdx:\d+:\d+/);
  });

  it('a link to a section that does not exist: names the file and the link', () => {
    const { status, output } = buildBroken('dead-anchor', (edit) =>
      edit('sections/07-china-and-pakistan.mdx', (text) =>
        text.replace('after the Moscow meeting', 'after the [Moscow meeting](#moscow-talks)'),
      ),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /07-china-and-pakistan\.mdx: the link "#moscow-talks" points to no section of this explainer/,
    );
  });

  it('a mention of someone with no who’s who card: names the file and the id', () => {
    const { status, output } = buildBroken('unknown-person', (edit) =>
      edit('sections/06-why-russia-cares.mdx', (text) =>
        text.replace('<Person id="kabulov">', '<Person id="kabulow">'),
      ),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/06-why-russia-cares\.mdx: <Person id="kabulow"> has no card in .*whos-who\.yaml/);
  });

  it('a glossary term with a bad source id: names the file, the entry and "sources"', () => {
    const { status, output } = buildBroken('glossary-source', (edit) =>
      edit('glossary.yaml', (text) => text.replace('sources: [reuters-miller]', 'sources: [reuters]')),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/glossary\.yaml: terms\[5\]\.sources "reuters" is not a source id/);
  });

  it('a table without a caption: names the file and the line', () => {
    const { status, output } = buildBroken('table-caption', (edit) =>
      edit('sections/08-who-wants-what.mdx', (text) => text.replace(/^Table: .*\n\n/m, '')),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/a table needs a caption[\s\S]*08-who-wants-what\.mdx:\d+:\d+/);
  });

  it('a map place outside the frame: names the file and the place', () => {
    const { status, output } = buildBroken('map-place', (edit) =>
      edit('map.yaml', (text) => text.replace('lon: 51.53, lat: 25.29', 'lon: -0.13, lat: 51.5')),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /map\.yaml: Locator map: place "Doha, Qatar" \(-0\.13, 51\.5\) is outside the map/,
    );
  });
});
