import { describe, expect, it } from 'vitest';
import {
  ContentError,
  componentUses,
  findApparatusProblems,
  findProblems,
  footnoteUrls,
  internalLinks,
  type ApparatusFiles,
  type ExplainerFiles,
} from '../src/lib/validate';

const good: ExplainerFiles = {
  id: 'story',
  explainerFile: 'content/explainers/story/explainer.yaml',
  sections: [
    { filePath: 'content/explainers/story/sections/01-a.mdx', slug: 'a', order: 1 },
    { filePath: 'content/explainers/story/sections/02-b.mdx', slug: 'b', order: 2 },
  ],
  timelineFile: 'content/explainers/story/timeline.yaml',
  events: [{ section: 'story/a', date: '1996', endDate: '2001', source: 'joint' }],
  sourceIds: ['joint'],
};

describe('findProblems', () => {
  it('accepts consistent content', () => {
    expect(findProblems(good)).toEqual([]);
  });

  it('names both files when two sections share an order', () => {
    const [problem] = findProblems({
      ...good,
      sections: [good.sections[0]!, { ...good.sections[1]!, order: 1 }],
    });
    expect(problem).toMatch(/02-b\.mdx: field "order" is 1, the same as in .*01-a\.mdx/);
  });

  it('names both files when two sections share a slug', () => {
    const [problem] = findProblems({
      ...good,
      sections: [good.sections[0]!, { ...good.sections[1]!, slug: 'a' }],
    });
    expect(problem).toMatch(/02-b\.mdx: field "slug" is "a", the same as in .*01-a\.mdx/);
  });

  it('names the timeline file, event and field for a section that does not exist', () => {
    const [problem] = findProblems({ ...good, events: [{ section: 'story/nowhere', date: '2021' }] });
    expect(problem).toContain('timeline.yaml: events[0].section "story/nowhere" is not a section');
    expect(problem).toContain('story/a, story/b');
  });

  it('rejects a section of another explainer', () => {
    expect(findProblems({ ...good, events: [{ section: 'other/a', date: '2021' }] })).toHaveLength(1);
  });

  it('rejects an unknown source and an end before the start', () => {
    const problems = findProblems({
      ...good,
      events: [{ section: 'story/a', date: '2001', endDate: '1996', source: 'nobody' }],
    });
    expect(problems).toEqual([
      expect.stringContaining('events[0].source "nobody" is not a source id'),
      expect.stringContaining('events[0].endDate "1996" is before its date "2001"'),
    ]);
  });

  it('requires sections and a timeline', () => {
    const problems = findProblems({ ...good, sections: [], timelineFile: undefined });
    expect(problems.join('\n')).toMatch(/has no sections[\s\S]*has no timeline\.yaml/);
  });
});

describe('ContentError', () => {
  it('lists every problem in its message', () => {
    expect(new ContentError(['one', 'two']).message).toBe(
      'Content problems stop the build:\n  - one\n  - two',
    );
  });
});

describe('links and old slugs', () => {
  it('finds the links in Markdown that point into the site', () => {
    expect(internalLinks('See [why](#why-russia-cares), [x](https://a.b/#c) and [it](/story/b/).')).toEqual([
      '#why-russia-cares',
      '/story/b/',
    ]);
  });

  it('accepts links to sections by fragment, explainer fragment, page or old slug', () => {
    const sections = [
      { ...good.sections[0]!, links: ['#b', '/story/#b', '/story/b/', '#old-b', '/other/#x'] },
      { ...good.sections[1]!, oldSlugs: ['old-b'] },
    ];
    expect(findProblems({ ...good, sections })).toEqual([]);
  });

  it('names the file and the link that points to no section', () => {
    const sections = [{ ...good.sections[0]!, links: ['#nowhere', '/story/gone/'] }, good.sections[1]!];
    expect(findProblems({ ...good, sections })).toEqual([
      expect.stringMatching(
        /01-a\.mdx: the link "#nowhere" points to no section of this explainer; use one of: #a, #b/,
      ),
      expect.stringMatching(/01-a\.mdx: the link "\/story\/gone\/" points to no section/),
    ]);
  });

  it('rejects an old slug that is another section’s slug', () => {
    const sections = [good.sections[0]!, { ...good.sections[1]!, oldSlugs: ['a'] }];
    expect(findProblems({ ...good, sections })).toEqual([
      expect.stringMatching(/02-b\.mdx: field "oldSlugs" has "a", the slug of .*01-a\.mdx/),
    ]);
  });
});

describe('the explanatory apparatus', () => {
  const apparatus: ApparatusFiles = {
    explainerFile: 'story/explainer.yaml',
    sourceIds: ['joint', 'article'],
    sourceUrls: ['https://example.org/joint'],
    citations: [{ where: 'story/whos-who.yaml: people[0]', sources: ['article'] }],
    people: { file: 'story/whos-who.yaml', ids: ['kabulov'] },
    terms: { file: 'story/glossary.yaml', ids: ['doha-agreement'] },
    charts: {
      folder: 'story/charts',
      ids: ['district-control'],
      sums: [{ file: 'story/charts/d.yaml', percent: 64 }],
    },
    map: { file: 'story/map.yaml', exists: true },
    sections: [
      {
        filePath: 'story/sections/01-a.mdx',
        body: [
          '<Person id="kabulov">Zamir Kabulov</Person> and <Term id="doha-agreement">the deal</Term>.',
          '<ShareChart id="district-control" />',
          '<LocatorMap />',
          '[^1]: The statement. [example.org](https://example.org/joint)',
        ].join('\n\n'),
      },
    ],
  };
  const withBody = (body: string) => ({ ...apparatus, sections: [{ ...apparatus.sections[0]!, body }] });

  it('finds the components a section uses and the links in its footnotes', () => {
    expect(componentUses(apparatus.sections[0]!.body)).toEqual([
      { name: 'Person', id: 'kabulov' },
      { name: 'Term', id: 'doha-agreement' },
      { name: 'ShareChart', id: 'district-control' },
      { name: 'LocatorMap', id: undefined },
    ]);
    expect(
      footnoteUrls('See [x](https://a.b/).\n\n[^1]: A. [a](https://a.b/c) and [d](https://d.e/)'),
    ).toEqual(['https://a.b/c', 'https://d.e/']);
  });

  it('accepts consistent content', () => {
    expect(findApparatusProblems(apparatus)).toEqual([]);
  });

  it('names the section and the id of a person with no card, and lists the cards', () => {
    expect(findApparatusProblems(withBody('<Person id="kabulow">Z</Person>'))).toEqual([
      'story/sections/01-a.mdx: <Person id="kabulow"> has no card in story/whos-who.yaml; use one of: kabulov',
    ]);
  });

  it('rejects an undefined term, a term marked twice in one section, and a component without an id', () => {
    const body =
      '<Term id="doha">a</Term> <Term id="doha-agreement">b</Term> <Term id="doha-agreement">c</Term> <Person>x</Person>';
    expect(findApparatusProblems(withBody(body))).toEqual([
      'story/sections/01-a.mdx: <Term id="doha"> is not defined in story/glossary.yaml; use one of: doha-agreement',
      'story/sections/01-a.mdx: <Term id="doha-agreement"> is used twice; mark only its first mention in the section',
      'story/sections/01-a.mdx: <Person> has no id="…"',
    ]);
  });

  it('rejects a missing chart file or map file', () => {
    expect(
      findApparatusProblems({
        ...withBody('<ShareChart id="votes" /> <LocatorMap />'),
        map: { file: 'story/map.yaml', exists: false },
      }),
    ).toEqual([
      'story/sections/01-a.mdx: <ShareChart id="votes"> has no data file story/charts/votes.yaml; charts there: district-control',
      'story/sections/01-a.mdx: <LocatorMap /> needs a map file, story/map.yaml',
    ]);
  });

  it('rejects an unknown source id in the data and a footnote source missing from the list', () => {
    const problems = findApparatusProblems({
      ...withBody('[^1]: Elsewhere. [x](https://example.org/other)'),
      citations: [{ where: 'story/glossary.yaml: terms[3]', sources: ['tass'] }],
    });
    expect(problems).toEqual([
      'story/glossary.yaml: terms[3].sources "tass" is not a source id in story/explainer.yaml; use one of: joint, article',
      'story/sections/01-a.mdx: a footnote links https://example.org/other, which is not the url of any source in story/explainer.yaml; add the source there',
    ]);
  });

  it('rejects two cards or terms with one id', () => {
    expect(
      findApparatusProblems({
        ...apparatus,
        people: { file: 'story/whos-who.yaml', ids: ['kabulov', 'kabulov'] },
      }),
    ).toEqual(['story/whos-who.yaml: the id "kabulov" is used twice; each entry needs its own']);
  });

  it('rejects chart parts that add up to more than the whole', () => {
    expect(
      findApparatusProblems({
        ...apparatus,
        charts: { ...apparatus.charts, sums: [{ file: 'story/charts/d.yaml', percent: 118 }] },
      }),
    ).toEqual(['story/charts/d.yaml: the parts add up to 118 per cent, more than 100']);
  });
});
