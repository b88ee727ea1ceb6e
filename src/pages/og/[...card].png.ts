import type { APIRoute, GetStaticPaths } from 'astro';
import { dateOf, loadExplainers, loadHubs, loadTopics } from '../../explainers';
import { prepareCards, renderCard, type Card } from '../../lib/social-card';
import { SITE_DESCRIPTION, SITE_NAME } from '../../site';

/**
 * One card for the home page, one per explainer, one per section (/og/<explainer>/<slug>.png),
 * and one per topic and hub page (/og/topics/<slug>.png, /og/people/<id>.png...).
 */
export const getStaticPaths = (async () => {
  // The benchmark's "without cards" build, to weigh what the cards cost (bench/build-scale.ts).
  if (process.env.SKIP_SOCIAL_CARDS === '1') return [];
  const [explainers, topics, people, terms] = await Promise.all([
    loadExplainers(),
    loadTopics(),
    loadHubs('people'),
    loadHubs('terms'),
  ]);
  const count = (n: number) => `${n} explainer${n === 1 ? '' : 's'}`;
  const card = (id: string, props: Omit<Card, 'siteName'>) => ({
    params: { card: id },
    props: { ...props, siteName: SITE_NAME } satisfies Card,
  });
  // Every card fills its space whatever the title's length: a kicker above the title, the dek
  // or summary under it, the date in the footer.
  const paths = [
    card('site', { title: SITE_NAME, dek: SITE_DESCRIPTION }),
    ...explainers.flatMap((explainer) => [
      card(explainer.id, {
        title: explainer.title,
        context: 'Explainer',
        dek: explainer.dek,
        label: explainer.reportDate.label,
      }),
      // Each card says which section it is: two sections can read alike, or be cut alike.
      ...explainer.sections.map((section, index, all) =>
        card(`${explainer.id}/${section.slug}`, {
          title: section.title,
          context: explainer.title,
          dek: section.summary,
          label: `Section ${index + 1} of ${all.length} · ${explainer.reportDate.label}`,
        }),
      ),
    ]),
    card('topics', {
      title: 'Topics',
      dek: topics.map((topic) => topic.name).join(' · ') || SITE_DESCRIPTION,
    }),
    ...topics.map((topic) =>
      card(`topics/${topic.slug}`, {
        title: topic.name,
        context: 'Topic',
        dek: topic.stories.map((story) => story.title).join(' · '),
        label: `${count(topic.stories.length)} · latest ${dateOf(topic.stories[0]!.reportDate).label}`,
      }),
    ),
    ...(['people', 'terms'] as const).flatMap((kind) =>
      (kind === 'people' ? people : terms).map((hub) =>
        card(`${kind}/${hub.id}`, {
          title: hub.name,
          context: kind === 'people' ? 'Person or group' : 'Term',
          dek: 'about' in hub.newest ? hub.newest.about : hub.newest.definition,
          label: count(hub.mentions.length),
        }),
      ),
    ),
  ];
  // Cards not in the cache start drawing now, in parallel, before the first page asks for one.
  prepareCards(paths.map((path) => path.props));
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const png = await renderCard(props as Card);
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};
