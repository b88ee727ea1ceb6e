import type { APIRoute, GetStaticPaths } from 'astro';
import { loadExplainers, type MapData } from '../../explainers';
import { renderLocatorMap } from '../../lib/locator-map';

/** /<explainer>/map.svg and /<explainer>/map-dark.svg for each explainer with a map.yaml. */
export const getStaticPaths = (async () => {
  const explainers = await loadExplainers();
  return explainers.flatMap((explainer) =>
    explainer.map
      ? (['light', 'dark'] as const).map((scheme) => ({
          params: { explainer: explainer.id, map: scheme === 'dark' ? 'map-dark' : 'map' },
          props: { map: explainer.map, file: explainer.mapFile, scheme },
        }))
      : [],
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { map, file, scheme } = props as { map: MapData; file: string; scheme: 'light' | 'dark' };
  try {
    return new Response(renderLocatorMap(map, undefined, scheme), {
      headers: { 'content-type': 'image/svg+xml' },
    });
  } catch (error) {
    // A misspelt country or a place off the map: say which file to fix.
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
};
