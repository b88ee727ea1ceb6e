import type { APIRoute, GetStaticPaths } from 'astro';
import { loadExplainers, type MapData } from '../../explainers';
import { renderLocatorMap } from '../../lib/locator-map';

/** /<explainer>/map.svg for each explainer with a map.yaml. */
export const getStaticPaths = (async () => {
  const explainers = await loadExplainers();
  return explainers.flatMap((explainer) =>
    explainer.map
      ? [{ params: { explainer: explainer.id }, props: { map: explainer.map, file: explainer.mapFile } }]
      : [],
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { map, file } = props as { map: MapData; file: string };
  try {
    return new Response(renderLocatorMap(map), { headers: { 'content-type': 'image/svg+xml' } });
  } catch (error) {
    // A misspelt country or a place off the map: say which file to fix.
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
};
