import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { loadExplainers } from '../explainers';
import { escapeHtml } from '../lib/escape-html';
import { absolute, explainerPath, homePath, sectionPath } from '../lib/urls';
import { SITE_DESCRIPTION, SITE_NAME } from '../site';

/**
 * An RSS feed of the explainers, and an item for each correction, clarification and update, so
 * a reader can follow a story's changes in any feed reader. A change links to the first section
 * it touches, at its entry in the change log (which also makes its address, the item's guid,
 * unique); a change that names no section links to the explainer's log.
 */
export const GET: APIRoute = async ({ site }) => {
  const explainers = await loadExplainers();
  return rss({
    title: SITE_NAME,
    description: SITE_DESCRIPTION,
    site: absolute(homePath(), site!),
    items: explainers.flatMap((explainer) => [
      {
        title: explainer.title,
        // RSS readers render a description as HTML: the dek is text, so its markup characters are
        // escaped for HTML here, and the feed escapes the result again for XML.
        description: escapeHtml(explainer.dek),
        link: explainerPath(explainer.id),
        pubDate: new Date(`${explainer.updated.iso}T00:00:00Z`),
      },
      ...explainer.changes.map((change) => {
        const slug = change.sections[0];
        const section = explainer.sections.find((s) => s.slug === slug);
        return {
          title: `${change.label} to “${section ? `${section.title}”, in “` : ''}${explainer.title}”`,
          description: escapeHtml(change.text),
          // Absolute, so the feed keeps the fragment as it is (it adds a slash to a site path).
          link: absolute(
            `${slug ? sectionPath(explainer.id, slug) : explainerPath(explainer.id)}#${change.anchor}`,
            site!,
          ),
          pubDate: new Date(`${change.date}T00:00:00Z`),
        };
      }),
    ]),
    customData: '<language>en-gb</language>',
  });
};
