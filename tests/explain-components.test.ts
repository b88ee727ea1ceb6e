/**
 * The explanatory components (who's who, glossary terms, the share chart, the locator map),
 * rendered alone through Astro's container API with fixture data.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import Glossary from '../src/components/explain/Glossary.astro';
import LocatorMap from '../src/components/explain/LocatorMap.astro';
import PersonLink from '../src/components/explain/PersonLink.astro';
import ShareChart from '../src/components/explain/ShareChart.astro';
import Term from '../src/components/explain/Term.astro';
import WhosWho from '../src/components/explain/WhosWho.astro';
import type { Chart } from '../src/explainers';
import { sourceRefs } from '../src/lib/content-components';
import { chartBars } from '../src/lib/share-chart';
import { attr, byTag, findAll, hasAttr, parseHtmlFragment, textOf } from './html';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const render = async (
  component: Parameters<AstroContainer['renderToString']>[0],
  props: Record<string, unknown>,
  slot?: string,
) =>
  parseHtmlFragment(
    await container.renderToString(component, { props, slots: slot ? { default: slot } : undefined }),
  );

const explainer = {
  id: 'story',
  sources: [
    {
      id: 'joint',
      publisher: 'US State Department',
      title: 'Joint statement',
      date: '2021-03-19',
      dateLabel: '',
    },
    { id: 'article', publisher: 'Source report', title: 'The report', date: '2021-03-18', dateLabel: '' },
  ],
};
const sourceRef = sourceRefs(explainer, true);

const chart: Chart = {
  title: 'Who holds the districts',
  caption: 'Share of districts in March 2021.',
  source: 'article',
  parts: [
    { label: 'Held', value: 18, atLeast: true },
    { label: 'Contested', value: 46, atLeast: false },
  ],
  rest: 'Other districts',
};

describe('chartBars', () => {
  it('lays the parts end to end and adds what they leave over, "less than" when a part is "more than"', () => {
    expect(chartBars(chart).map(({ x, width, valueLabel, tone }) => [x, width, valueLabel, tone])).toEqual([
      [0, 18, 'more than 18%', 'first'],
      [18, 46, '46%', 'second'],
      [64, 36, 'less than 36%', 'rest'],
    ]);
  });

  it('keeps the remainder exact to one decimal and leaves it out without a "rest" label', () => {
    const thirds = { ...chart, parts: [1, 2].map(() => ({ label: 'x', value: 33.3, atLeast: false })) };
    expect(chartBars(thirds).at(-1)).toMatchObject({ x: 66.6, width: 33.4, valueLabel: '33.4%' });
    expect(chartBars({ ...chart, rest: undefined })).toHaveLength(2);
  });
});

describe('ShareChart', () => {
  const renderChart = (data: Chart) =>
    render(ShareChart, { chart: data, id: 'c', source: sourceRef(data.source) });

  it('draws one bar per part, its width the part’s share, and prints the figures as text', async () => {
    const fragment = await renderChart(chart);
    const rects = findAll(fragment, byTag('rect'));
    expect(rects.map((r) => [attr(r, 'x'), attr(r, 'width')])).toEqual([
      ['0', '18'],
      ['18', '46'],
      ['64', '36'],
    ]);
    const items = findAll(fragment, byTag('li')).map((li) => textOf(li));
    expect(items).toEqual(['more than 18% Held', '46% Contested', 'less than 36% Other districts']);
  });

  it('follows the data: other figures give other widths and labels', async () => {
    const fragment = await renderChart({
      ...chart,
      parts: [
        { label: 'Held', value: 30, atLeast: false },
        { label: 'Contested', value: 50, atLeast: false },
      ],
    });
    expect(findAll(fragment, byTag('rect')).map((r) => attr(r, 'width'))).toEqual(['30', '50', '20']);
    expect(textOf(fragment)).toContain('20% Other districts');
    expect(textOf(fragment)).not.toContain('18');
  });

  it('is a figure named by its title, an image with the figures as its name, and a caption citing the source', async () => {
    const fragment = await renderChart(chart);
    const [figure] = findAll(fragment, byTag('figure'));
    const [title] = findAll(fragment, hasAttr('id', attr(figure!, 'aria-labelledby')));
    expect(textOf(title!)).toBe('Who holds the districts');
    const [svg] = findAll(fragment, byTag('svg'));
    expect(attr(svg!, 'role')).toBe('img');
    expect(attr(svg!, 'aria-label')).toBe(
      'Held: more than 18%; Contested: 46%; Other districts: less than 36%',
    );
    const [caption] = findAll(fragment, byTag('figcaption'));
    expect(textOf(caption!)).toBe('Share of districts in March 2021. Source: 2. Source report');
    expect(attr(findAll(caption!, byTag('a'))[0]!, 'href')).toBe('#source-article');
  });
});

describe('Term', () => {
  const term = {
    id: 'doha-agreement',
    term: 'Doha agreement',
    definition: 'The deal signed in Doha.',
    sources: ['article'],
  };

  it('is a button that opens its definition in place through the popover attribute', async () => {
    const fragment = await render(
      Term,
      { term, popoverId: 'may-deadline-term-doha-agreement', glossaryHref: '#term-doha-agreement' },
      'an agreement in Doha',
    );
    const [button] = findAll(fragment, byTag('button'));
    expect(attr(button!, 'type')).toBe('button');
    const [popover] = findAll(fragment, hasAttr('id', attr(button!, 'popovertarget')));
    expect(attr(popover!, 'popover')).toBe('');
    // Phrasing content only: it sits inside a paragraph.
    expect(popover!.tagName).toBe('span');
    expect(textOf(popover!)).toBe('Doha agreement: The deal signed in Doha. All terms');
    expect(attr(findAll(popover!, byTag('a'))[0]!, 'href')).toBe('#term-doha-agreement');
  });

  it('flows like text: the words before the last are a label for the button, one name for both', async () => {
    const fragment = await render(
      Term,
      { term, popoverId: 'may-deadline-term-doha-agreement', glossaryHref: '#term-doha-agreement' },
      'an agreement in &quot;Doha&quot;',
    );
    const [label] = findAll(fragment, byTag('label'));
    const [button] = findAll(fragment, byTag('button'));
    expect(`${textOf(label!)} ${textOf(button!)}`).toBe('an agreement in "Doha"');
    expect(textOf(button!)).toBe('"Doha"');
    expect(attr(label!, 'for')).toBe(attr(button!, 'id'));
    // Read once, as the button: the label's words are hidden from assistive technology.
    expect(attr(findAll(label!, byTag('span'))[0]!, 'aria-hidden')).toBe('true');
    expect(attr(button!, 'aria-label')).toBe('an agreement in "Doha"');
  });

  it('is the button alone for a one-word term', async () => {
    const fragment = await render(
      Term,
      { term, popoverId: 'may-deadline-term-doha', glossaryHref: '#term-doha-agreement' },
      'Doha',
    );
    expect(findAll(fragment, byTag('label'))).toEqual([]);
    const [button] = findAll(fragment, byTag('button'));
    expect(textOf(button!)).toBe('Doha');
    expect(attr(button!, 'aria-label')).toBeUndefined();
  });
});

describe('PersonLink, WhosWho and Glossary', () => {
  const people = [
    {
      id: 'kabulov',
      name: 'Zamir Kabulov',
      role: 'Special envoy',
      about: 'Keeps in touch.',
      sources: ['article'],
    },
    {
      id: 'taliban',
      name: 'The Taliban',
      role: 'The other side',
      about: 'In talks.',
      sources: ['joint', 'article'],
    },
  ];

  it('links a mention to the card', async () => {
    const fragment = await render(
      PersonLink,
      { href: '#who-kabulov', title: 'Zamir Kabulov: Special envoy' },
      'Zamir Kabulov',
    );
    const [link] = findAll(fragment, byTag('a'));
    expect([attr(link!, 'href'), attr(link!, 'title'), textOf(link!)]).toEqual([
      '#who-kabulov',
      'Zamir Kabulov: Special envoy',
      'Zamir Kabulov',
    ]);
  });

  it('gives each card its anchor, name, role as of the report date, and numbered sources', async () => {
    const fragment = await render(WhosWho, { people, reportLabel: '18 March 2021', sourceRef });
    const [section] = findAll(fragment, byTag('section'));
    expect(attr(section!, 'id')).toBe('whos-who');
    expect(textOf(findAll(fragment, hasAttr('id', attr(section!, 'aria-labelledby')))[0]!)).toBe('Who’s who');
    expect(textOf(fragment)).toContain('Roles as they were on 18 March 2021.');
    const cards = findAll(fragment, byTag('li'));
    expect(cards.map((card) => attr(card, 'id'))).toEqual(['who-kabulov', 'who-taliban']);
    expect(textOf(findAll(cards[0]!, byTag('h3'))[0]!)).toBe('Zamir Kabulov');
    expect(findAll(cards[1]!, byTag('p')).map((p) => textOf(p))).toEqual([
      'The other side',
      'In talks.',
      'Sources 1, 2',
    ]);
    expect(findAll(cards[1]!, byTag('a')).map((a) => attr(a, 'href'))).toEqual([
      '#source-joint',
      '#source-article',
    ]);
  });

  it('lists every term with its definition at #term-<id>', async () => {
    const terms = [
      {
        id: 'islamic-emirate',
        term: 'Islamic Emirate',
        definition: 'The Taliban regime’s name.',
        sources: ['joint'],
      },
    ];
    const fragment = await render(Glossary, { terms, sourceRef });
    const [entry] = findAll(fragment, hasAttr('id', 'term-islamic-emirate'));
    expect(textOf(findAll(entry!, byTag('dt'))[0]!)).toBe('Islamic Emirate');
    expect(textOf(findAll(entry!, byTag('dd'))[0]!)).toBe('The Taliban regime’s name. Source 1');
  });

  it('points section pages at the list on the explainer page', () => {
    expect(sourceRefs(explainer, false)('article')).toEqual({
      number: 2,
      href: '/story/#source-article',
      name: 'Source report',
    });
    expect(() => sourceRefs(explainer, true)('nobody')).toThrow(/nobody/);
  });
});

describe('LocatorMap', () => {
  it('is an image with the map’s description as its text alternative, sized to avoid layout shift', async () => {
    const map = {
      title: 'Afghanistan and its neighbours',
      description: 'Map of Afghanistan and its neighbours.',
      focus: 'Afghanistan',
      countries: [],
      places: [],
    };
    const fragment = await render(LocatorMap, {
      map,
      src: '/story/map.svg',
      darkSrc: '/story/map-dark.svg',
      width: 640,
      height: 520,
    });
    // The dark drawing is chosen by the page: WebKit ignores prefers-color-scheme inside an <img>.
    const [source] = findAll(fragment, byTag('source'));
    expect(attr(source!, 'srcset')).toBe('/story/map-dark.svg');
    expect(attr(source!, 'media')).toBe('screen and (prefers-color-scheme: dark)');
    const [img] = findAll(fragment, byTag('img'));
    expect([attr(img!, 'src'), attr(img!, 'alt'), attr(img!, 'width'), attr(img!, 'height')]).toEqual([
      '/story/map.svg',
      'Map of Afghanistan and its neighbours.',
      '640',
      '520',
    ]);
    expect(attr(img!, 'loading')).toBe('lazy');
    expect(textOf(findAll(fragment, byTag('figcaption'))[0]!)).toContain('Afghanistan and its neighbours.');
  });
});
