import type { APIRoute } from 'astro';
import { withBase } from '../lib/urls';

/** Everything may be crawled; the sitemap's address is absolute, so it follows SITE_URL. */
export const GET: APIRoute = ({ site }) =>
  new Response(
    `User-agent: *\nAllow: /\n\nSitemap: ${new URL(withBase('/sitemap-index.xml'), site).href}\n`,
    {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    },
  );
