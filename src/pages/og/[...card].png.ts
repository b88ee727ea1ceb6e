import type { APIRoute, GetStaticPaths } from 'astro';
import { loadExplainers } from '../../explainers';
import { renderCard, type Card } from '../../lib/social-card';
import { SITE_DESCRIPTION, SITE_NAME } from '../../site';

/** One card for the home page, one per explainer, one per section: /og/<explainer>/<slug>.png. */
export const getStaticPaths = (async () => {
  const explainers = await loadExplainers();
  const site = { params: { card: 'site' }, props: { title: SITE_NAME, context: SITE_DESCRIPTION } };
  return [
    site,
    ...explainers.flatMap((explainer) => [
      { params: { card: explainer.id }, props: { title: explainer.title } },
      ...explainer.sections.map((section) => ({
        params: { card: `${explainer.id}/${section.slug}` },
        props: { title: section.title, context: explainer.title },
      })),
    ]),
  ];
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const png = await renderCard({ ...(props as Omit<Card, 'siteName'>), siteName: SITE_NAME });
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};
