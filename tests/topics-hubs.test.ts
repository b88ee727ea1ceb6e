/**
 * Topics, the hub pages of shared people and terms, and related explainers (issue 22), in the
 * built site. The generated stories (tests/stories.ts) share what these need: generated-explained
 * and generated-short the topic "Border talks", the person shared-envoy and the term
 * shared-ceasefire; generated-explained and generated-any the topic "Grain"; generated-alone
 * nothing. The expected lists are worked out here from the content, not from src/lib/hubs.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { relatedTo, type Story } from '../src/lib/hubs';
import { builtSite } from './build';
import { publishedExplainers, readContentFile } from './content';
import { attr, byTag, findAll, hasAttr, parseDocument, textOf, type Element } from './html';
import { GENERATED } from './stories';

const explainers = publishedExplainers();
const page = (file: string) => parseDocument(readFileSync(path.join(builtSite, file, 'index.html'), 'utf8'));
const hrefs = (root: Parameters<typeof findAll>[0]) => findAll(root, byTag('a')).map((a) => attr(a, 'href'));
/** Newest report first, then by title: the order the site promises. */
const newestFirst = (ids: string[]) =>
  ids
    .map((id) => explainers.find((e) => e.id === id)!)
    .sort((a, b) => b.reportDate.localeCompare(a.reportDate) || a.title.localeCompare(b.title))
    .map((e) => `/${e.id}/`);
const withTopic = (name: string) => explainers.filter((e) => e.topics.includes(name)).map((e) => e.id);
const main = (doc: ReturnType<typeof parseDocument>) => findAll(doc, hasAttr('id', 'main'))[0]!;
/** Links to explainers in a list of stories (headline links only). */
const storyLinks = (root: Element) => findAll(root, byTag('h2')).flatMap((h2) => hrefs(h2));

describe('topic pages', () => {
  it('the generated stories have the topics the tests need', () => {
    expect(withTopic('Border talks')).toEqual(
      expect.arrayContaining(['generated-explained', 'generated-short']),
    );
    expect(withTopic('Grain')).toEqual(expect.arrayContaining(['generated-explained', 'generated-any']));
  });

  it.each([
    ['Border talks', 'border-talks'],
    ['Grain', 'grain'],
    ['Harbour', 'harbour'],
  ])('the page of topic %s lists every explainer naming it, newest first, and nothing else', (name, slug) => {
    const doc = page(`topics/${slug}`);
    expect(textOf(findAll(doc, byTag('h1'))[0]!)).toBe(name);
    expect(storyLinks(main(doc))).toEqual(newestFirst(withTopic(name)));
  });

  it('/topics/ links every topic page, and the header of every page links /topics/', () => {
    const topics = [...new Set(explainers.flatMap((e) => e.topics))];
    const links = hrefs(main(page('topics')));
    for (const name of topics) expect(links).toContain(`/topics/${name.toLowerCase().replace(/ /g, '-')}/`);
    expect(links).toHaveLength(topics.length);
    for (const file of ['', 'generated-alone', 'topics/grain'])
      expect(hrefs(findAll(page(file), byTag('header'))[0]!)).toContain('/topics/');
  });

  it('the sitemap lists the topic and hub pages, each dated by the newest update of its stories', () => {
    const xml = new XMLParser();
    const urls = (
      [xml.parse(readFileSync(path.join(builtSite, 'sitemap-0.xml'), 'utf8')).urlset.url].flat() as {
        loc: string;
        lastmod?: string;
      }[]
    ).map((u) => [new URL(u.loc).pathname, u.lastmod?.slice(0, 10)] as const);
    const dates = new Map(urls);
    const newest = (ids: string[]) =>
      ids
        .map((id) => explainers.find((e) => e.id === id)!.updated)
        .sort()
        .at(-1);
    expect(dates.get('/topics/')).toBe(newest(explainers.map((e) => e.id)));
    expect(dates.get('/topics/border-talks/')).toBe(newest(withTopic('Border talks')));
    expect(dates.get('/topics/grain/')).toBe(newest(withTopic('Grain')));
    expect(dates.get('/people/shared-envoy/')).toBe(newest(['generated-explained', 'generated-short']));
    expect(dates.get('/terms/shared-ceasefire/')).toBe(newest(['generated-explained', 'generated-short']));
  });
});

describe('the home page', () => {
  const doc = page('');
  const items = findAll(main(doc), byTag('li')).filter((li) => findAll(li, byTag('h2')).length > 0);
  const item = (id: string) => items.find((li) => hrefs(findAll(li, byTag('h2'))[0]!).includes(`/${id}/`))!;

  it('lists every explainer, newest report first', () => {
    expect(storyLinks(main(doc))).toEqual(newestFirst(explainers.map((e) => e.id)));
  });

  it('says "updated <date>" only where a story changed after its report', () => {
    expect(GENERATED['generated-explained']!.updatedLater).toBe(true);
    expect(GENERATED['generated-any']!.updatedLater).toBe(false);
    for (const explainer of explainers) {
      const updated = findAll(item(explainer.id), hasAttr('data-updated'));
      if (explainer.updated > explainer.reportDate) {
        expect(updated).toHaveLength(1);
        expect(attr(findAll(updated[0]!, byTag('time'))[0]!, 'datetime')).toBe(explainer.updated);
        expect(textOf(updated[0]!)).toMatch(/^·? ?updated \d{1,2} \w+ \d{4}$/);
      } else expect(updated, explainer.id).toHaveLength(0);
    }
  });

  it('links each story’s topics under it', () => {
    expect(hrefs(findAll(item('generated-explained'), hasAttr('data-topics'))[0]!)).toEqual([
      '/topics/border-talks/',
      '/topics/harbour/',
      '/topics/grain/',
    ]);
    expect(findAll(item('generated-alone'), hasAttr('data-topics'))).toHaveLength(0);
  });
});

describe('hub pages of people and terms used in more than one explainer', () => {
  /** The sections of an explainer whose text names `id` with <Person> or <Term>, as links. */
  const naming = (explainer: string, component: string, id: string) =>
    explainers
      .find((e) => e.id === explainer)!
      .sections.filter((s) => readContentFile(explainer, s.path).includes(`<${component} id="${id}"`))
      .map((s) => `/${explainer}/${s.slug}/`);

  it.each([
    ['people', 'Person', 'shared-envoy', 'who'],
    ['terms', 'Term', 'shared-ceasefire', 'term'],
  ])(
    'the %s page of a shared <%s> lists every explainer and every section naming it, and its card there',
    (kind, component, id, anchor) => {
      const stories = explainers.filter((e) => [...e.people, ...e.terms].some((entry) => entry.id === id));
      expect(stories.map((e) => e.id).sort()).toEqual(['generated-explained', 'generated-short']);
      const doc = page(`${kind}/${id}`);
      const entries = findAll(findAll(doc, hasAttr('data-mentions'))[0]!, byTag('h3'));
      expect(entries.flatMap(hrefs)).toEqual(newestFirst(stories.map((e) => e.id)));
      for (const story of stories) {
        const li = entries.find((h3) => hrefs(h3)[0] === `/${story.id}/`)!.parentNode as Element;
        const sections = naming(story.id, component!, id!);
        expect(sections.length).toBeGreaterThan(0);
        expect(hrefs(li).filter((href) => href !== `/${story.id}/`)).toEqual([
          `/${story.id}/#${anchor}-${id}`,
          ...sections,
        ]);
      }
    },
  );

  it('exists only for an id defined in two or more explainers', () => {
    // shared-minister is generated-explained's alone; person-<seed>-1 ids are each story's own.
    expect(existsSync(path.join(builtSite, 'people/shared-minister'))).toBe(false);
    const ids = explainers.flatMap((e) => e.people.map((p) => p.id));
    for (const id of new Set(ids)) {
      const defined = ids.filter((other) => other === id).length;
      expect(existsSync(path.join(builtSite, 'people', id, 'index.html')), id).toBe(defined > 1);
    }
  });

  it('who’s who cards and glossary entries link their hub only when one exists', () => {
    const doc = page('generated-explained');
    const link = (anchor: string) =>
      hrefs(findAll(doc, hasAttr('id', anchor))[0]!).filter((h) => /^\/(people|terms)\//.test(h!));
    expect(link('who-shared-envoy')).toEqual(['/people/shared-envoy/']);
    expect(link('who-shared-minister')).toEqual([]);
    expect(link('term-shared-ceasefire')).toEqual(['/terms/shared-ceasefire/']);
    const own = explainers.find((e) => e.id === 'generated-explained')!;
    for (const person of own.people.filter((p) => !p.id.startsWith('shared-')))
      expect(link(`who-${person.id}`)).toEqual([]);
    for (const term of own.terms.filter((t) => !t.id.startsWith('shared-')))
      expect(link(`term-${term.id}`)).toEqual([]);
  });
});

describe('related explainers', () => {
  const related = (file: string) => findAll(page(file), hasAttr('data-related'));

  it('ends the explainer and each section page with the stories sharing most, best first, no script', () => {
    // generated-short shares a topic, a person and a term (3 + 2 + 1); generated-any a topic (3).
    const explainer = explainers.find((e) => e.id === 'generated-explained')!;
    for (const file of [
      'generated-explained',
      ...explainer.sections.map((s) => `generated-explained/${s.slug}`),
    ]) {
      const [block] = related(file);
      expect(hrefs(block!), file).toEqual(['/generated-short/', '/generated-any/']);
      expect(findAll(block!, byTag('script'))).toEqual([]);
      expect(textOf(findAll(block!, byTag('h2'))[0]!)).toBe('Related explainers');
    }
    expect(hrefs(related('generated-short')[0]!)).toEqual(['/generated-explained/']);
  });

  it('shows nothing where a story shares nothing', () => {
    expect(related('generated-alone')).toEqual([]);
    const alone = explainers.find((e) => e.id === 'generated-alone')!;
    for (const section of alone.sections) expect(related(`generated-alone/${section.slug}`)).toEqual([]);
  });

  it('keeps at most three, the best scores first, ties newest first', () => {
    const story = (id: string, reportDate: string, topics: string[], people: string[] = []): Story => ({
      id,
      title: id,
      reportDate,
      updated: reportDate,
      topics,
      people: people.map((p) => ({ id: p, name: p, role: 'r', aliases: [], about: 'a', sources: ['s'] })),
      terms: [],
      sections: [],
    });
    const me = story('me', '2024-01-01', ['Afghanistan', 'Russia'], ['envoy']);
    const others = [
      story('old-same-topic', '2019-01-01', ['afghanistan']),
      story('new-same-topic', '2023-01-01', ['Afghanistan']),
      story('person-only', '2024-06-01', [], ['envoy']),
      story('both-topics', '2018-01-01', ['Russia', 'Afghanistan']),
      story('nothing', '2025-01-01', ['Ukraine']),
    ];
    expect(relatedTo(me, others).map((s) => s.id)).toEqual([
      'both-topics',
      'new-same-topic',
      'old-same-topic',
    ]);
    expect(relatedTo(story('x', '2020-01-01', ['Chad']), others)).toEqual([]);
  });
});
