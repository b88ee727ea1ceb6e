/**
 * The components a section's MDX can use (<Person>, <Term>, <ShareChart>, <LocatorMap>),
 * bound to one explainer's data. The text names only ids; the page passes this map to
 * <Content components={…} />, so data still flows one way: content files → page → HTML.
 */
import { jsx } from 'astro/jsx-runtime';
import LocatorMap from '../components/explain/LocatorMap.astro';
import PersonLink from '../components/explain/PersonLink.astro';
import ShareChart from '../components/explain/ShareChart.astro';
import TermView from '../components/explain/Term.astro';
import type { Explainer } from '../explainers';
import { MAP_SIZE } from './locator-map';
import { explainerPath, mapPath, resolveContentLink, withBase } from './urls';

export interface SourceRef {
  /** Its number in the explainer's source list. */
  number: number;
  href: string;
  name: string;
}

/** Where a source sits in the numbered list under the explainer. */
export function sourceRefs(explainer: Pick<Explainer, 'id' | 'sources'>, onExplainerPage: boolean) {
  const listHref = onExplainerPage ? '' : explainerPath(explainer.id);
  return (id: string): SourceRef => {
    const index = explainer.sources.findIndex((source) => source.id === id);
    const source = explainer.sources[index];
    // The content module has already stopped the build for an unknown source id.
    if (!source) throw new Error(`Unknown source id "${id}" in explainer "${explainer.id}"`);
    return { number: index + 1, href: `${listHref}#source-${id}`, name: source.publisher };
  };
}

interface Props {
  id?: string;
  children?: unknown;
}

/** Looks an id up, or stops the render naming the section and the id (validate.ts words it for editors). */
function find<T extends { id: string }>(list: T[], id: string | undefined, what: string, section: string): T {
  const found = list.find((item) => item.id === id);
  if (!found) throw new Error(`Section "${section}": ${what} id "${id}" does not exist`);
  return found;
}

/**
 * @param section the slug of the section being rendered, to keep popover ids unique
 * @param onExplainerPage true on the explainer page, where cards and glossary sit below the text;
 *   false on the section page, the one the search index reads (src/lib/search-index.ts)
 */
export function contentComponents(explainer: Explainer, section: string, onExplainerPage: boolean) {
  const page = onExplainerPage ? '' : explainerPath(explainer.id);
  const sourceRef = sourceRefs(explainer, onExplainerPage);
  const links = { explainer: explainer.id, sections: explainer.sections, onExplainerPage };
  return {
    // Links and images written in Markdown: see resolveContentLink.
    a: ({ href, ...rest }: { href?: string; [name: string]: unknown }) =>
      jsx('a', { ...rest, href: href === undefined ? undefined : resolveContentLink(href, links) }),
    img: ({ src, ...rest }: { src?: string; [name: string]: unknown }) =>
      jsx('img', {
        ...rest,
        src: src?.startsWith('/') ? withBase(src) : src,
        loading: 'lazy',
        decoding: 'async',
      }),
    Person: ({ id, children }: Props) => {
      const person = find(explainer.people, id, 'person', section);
      return jsx(PersonLink, {
        href: `${page}#who-${person.id}`,
        title: `${person.name}: ${person.role}`,
        aliases: onExplainerPage ? [] : person.aliases,
        children,
      });
    },
    Term: ({ id, children }: Props) => {
      const term = find(explainer.terms, id, 'glossary term', section);
      return jsx(TermView, {
        term,
        popoverId: `${section}-term-${term.id}`,
        glossaryHref: `${page}#term-${term.id}`,
        indexed: !onExplainerPage,
        children,
      });
    },
    ShareChart: ({ id }: Props) => {
      const chart = explainer.charts[id ?? ''];
      if (!chart) throw new Error(`Section "${section}": chart "${id}" does not exist`);
      return jsx(ShareChart, { chart, id: `${section}-chart-${id}`, source: sourceRef(chart.source) });
    },
    LocatorMap: () => {
      if (!explainer.map) throw new Error(`Section "${section}": the explainer has no map.yaml`);
      return jsx(LocatorMap, {
        map: explainer.map,
        src: mapPath(explainer.id),
        darkSrc: mapPath(explainer.id, 'dark'),
        ...MAP_SIZE,
      });
    },
  };
}
