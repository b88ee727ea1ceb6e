import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import SectionHeading from '../src/components/SectionHeading.astro';
import Timeline from '../src/components/Timeline.astro';
import { buildTimeline } from '../src/lib/timeline';
import { attr, byTag, findAll, hasAttr, parseHtmlFragment, textOf } from './html';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const timeline = buildTimeline(
  [
    { date: '1996', endDate: '2001', title: 'Taliban rule', text: 'They rule.', section: 'meeting' },
    { date: '2021-02', title: 'Talks resume', text: 'Late in the month.', section: 'talks' },
    { date: '2021-03-18', title: 'Moscow meeting', text: 'Envoys meet.', section: 'meeting' },
    { date: '2021-08-15', title: 'Kabul falls', text: 'The Taliban enter Kabul.', section: 'next' },
  ],
  '2021-03-18',
);

const renderTimeline = async () =>
  parseHtmlFragment(
    await container.renderToString(Timeline, { props: { timeline, reportLabel: '18 March 2021' } }),
  );

describe('Timeline', () => {
  it('gives every event a <time datetime> in the precision it has', async () => {
    const times = findAll(await renderTimeline(), byTag('time'));
    expect(times.map((t) => [attr(t, 'datetime'), textOf(t)])).toEqual([
      ['1996', '1996 to 2001'],
      ['2021-02', 'February 2021'],
      ['2021-03-18', '18 March 2021'],
      ['2021-08-15', '15 August 2021'],
    ]);
  });

  it('links each event to its section', async () => {
    const links = findAll(await renderTimeline(), byTag('a'));
    expect(links.map((a) => attr(a, 'href'))).toEqual(['#meeting', '#talks', '#meeting', '#next']);
  });

  it('sets later developments apart in a list labelled "After this report"', async () => {
    const lists = findAll(await renderTimeline(), byTag('ol'));
    expect(lists).toHaveLength(2);
    expect(textOf(lists[0]!)).toContain('Moscow meeting');
    expect(textOf(lists[0]!)).not.toContain('Kabul falls');
    expect(textOf(lists[1]!)).toContain('Kabul falls');
    const label = findAll(await renderTimeline(), hasAttr('id', attr(lists[1]!, 'aria-labelledby')))[0];
    expect(label && textOf(label)).toBe('After this report');
  });

  it('is a navigation landmark named by its heading, inside a disclosure', async () => {
    const fragment = await renderTimeline();
    const [nav] = findAll(fragment, byTag('nav'));
    const [heading] = findAll(fragment, hasAttr('id', attr(nav!, 'aria-labelledby')));
    expect(heading && textOf(heading)).toBe('Timeline');
    expect(findAll(nav!, byTag('details'))).toHaveLength(1);
    expect(findAll(nav!, byTag('summary'))).toHaveLength(1);
  });
});

describe('SectionHeading', () => {
  const render = async (slug: string, title: string) =>
    parseHtmlFragment(
      await container.renderToString(SectionHeading, {
        props: { slug, title, summary: 'What it says.', sharePath: `/story/${slug}/` },
      }),
    );

  it('renders the heading with its id and a self-link labelled for screen readers', async () => {
    const fragment = await render('why-russia-cares', 'Why does Russia care?');
    const [h2] = findAll(fragment, byTag('h2'));
    expect(attr(h2!, 'id')).toBe('why-russia-cares-title');
    expect(textOf(h2!)).toBe('Why does Russia care?');
    const [link] = findAll(fragment, hasAttr('href', '#why-russia-cares'));
    const [visible] = findAll(link!, hasAttr('aria-hidden', 'true'));
    expect(textOf(visible!)).toBe('#');
    const [label] = findAll(link!, hasAttr('class', 'sr-only'));
    expect(textOf(label!)).toBe('Link to the section “Why does Russia care?”');
  });

  it('shares the section page: a plain link, and copy and share buttons JavaScript reveals', async () => {
    const fragment = await render('a', 'A');
    const [element] = findAll(fragment, byTag('copy-link'));
    expect(attr(element!, 'data-path')).toBe('/story/a/');
    expect(attr(element!, 'data-text')).toBe('What it says.');
    const [fallback] = findAll(element!, hasAttr('data-fallback'));
    expect(attr(fallback!, 'href')).toBe('/story/a/');
    const buttons = findAll(element!, byTag('button'));
    expect(buttons.map((b) => [attr(b, 'hidden'), attr(b, 'aria-label')])).toEqual([
      ['', 'Copy link to “A”'],
      ['', 'Share “A”'],
    ]);
    expect(findAll(element!, hasAttr('role', 'status'))).toHaveLength(1);
  });
});
