import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { loadExplainers } from '../explainers';
import { escapeHtml } from '../lib/escape-html';
import { absolute, explainerPath, homePath } from '../lib/urls';
import { SITE_DESCRIPTION, SITE_NAME } from '../site';

/** An RSS feed of the explainers, newest report first. */
export const GET: APIRoute = async ({ site }) => {
  const explainers = await loadExplainers();
  return rss({
    title: SITE_NAME,
    description: SITE_DESCRIPTION,
    site: absolute(homePath(), site!),
    items: explainers.map((explainer) => ({
      title: explainer.title,
      // RSS readers render a description as HTML: the dek is text, so its markup characters are
      // escaped for HTML here, and the feed escapes the result again for XML.
      description: escapeHtml(explainer.dek),
      link: explainerPath(explainer.id),
      pubDate: new Date(`${explainer.updated.iso}T00:00:00Z`),
    })),
    customData: '<language>en-gb</language>',
  });
};
