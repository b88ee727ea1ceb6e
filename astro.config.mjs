// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'astro/config';
import remarkGfm from 'remark-gfm';
import { rehypeSectionFootnotes } from './src/lib/rehype-section-footnotes.ts';

export default defineConfig({
  // The absolute address the site is served from; used for canonical and shared URLs.
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  trailingSlash: 'ignore',
  // The tests build broken fixtures (CONTENT_DIR, read in src/content.config.ts) into a
  // folder and cache of their own, so they never touch dist/.
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: process.env.CACHE_DIR ?? './node_modules/.astro',
  build: {
    format: 'directory',
    // One round trip to first paint: the stylesheet travels inside the HTML.
    inlineStylesheets: 'always',
  },
  // Two section files with one slug stop the build instead of one silently replacing the other.
  prerenderConflictBehavior: 'error',
  markdown: {
    // Astro 7's default processor runs no remark plugins; footnotes and tables need remark-gfm.
    processor: unified({
      gfm: false,
      remarkPlugins: [remarkGfm],
      rehypePlugins: [rehypeSectionFootnotes],
      remarkRehype: { footnoteLabel: 'Notes', footnoteLabelTagName: 'h3' },
    }),
  },
  integrations: [mdx(), sitemap()],
  vite: {
    plugins: [tailwindcss()],
    // Scripts go to their own cached files rather than inline: the HTML stays within the
    // first round trip, and a Content-Security-Policy needs no 'unsafe-inline' for them.
    build: { assetsInlineLimit: 0 },
  },
});
