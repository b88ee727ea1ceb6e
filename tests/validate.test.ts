import { describe, expect, it } from 'vitest';
import { ContentError, findProblems, internalLinks, type ExplainerFiles } from '../src/lib/validate';

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
