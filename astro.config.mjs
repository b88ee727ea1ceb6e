// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'astro/config';
import remarkGfm from 'remark-gfm';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cacheDirFor, CONTENT_DIR } from './src/lib/content-dir.ts';
import { remarkSectionRules } from './src/lib/content/mdx.ts';
import { readContent } from './src/lib/content/read.ts';
import { pageDates } from './src/lib/freshness.ts';
import {
  headersFile,
  nginxRedirects,
  nginxSearch,
  oldSlugRedirects,
  redirectPage,
  redirectsFile,
  SEARCH_PAGE_FILE,
  withCspMeta,
  writeInside,
} from './src/lib/host-files.ts';
import { writeSearchIndex } from './src/lib/search-index.ts';
import { rehypeSectionFootnotes } from './src/lib/rehype-section-footnotes.ts';
import { rehypeTableCaptions } from './src/lib/rehype-table-captions.ts';

// The absolute address the site is served from, and the path below it ("/" at a domain root,
// "/explainers/" below one): canonical, shared and feed URLs are built from both.
const site = process.env.SITE_URL ?? 'http://localhost:4321';
const base = process.env.BASE_PATH ?? '/';
/** @type {Map<string, string> | undefined} Each page's last change, read once per build. */
let dates;

/**
 * Gives each page its CSP <meta>, and writes what static hosts read beside the site: _headers,
 * _redirects, and a redirect page at each renamed section's old URL (for hosts that ignore
 * _redirects); then the search index (src/lib/search-index.ts), from the pages as built. The
 * redirects and records come from the content as the content reader accepted it; every file
 * is written inside the output folder.
 * @type {import('astro').AstroIntegration}
 */
const hostFiles = {
  name: 'host-files',
  hooks: {
    'astro:build:done': async ({ dir, logger }) => {
      const outDir = fileURLToPath(dir);
      // Each page states its own CSP, exactly for what it holds (see withCspMeta in host-files.ts);
      // the search page's alone allows WebAssembly.
      for (const file of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.html')) continue;
        const html = readFileSync(path.join(outDir, file), 'utf8');
        writeInside(outDir, file, withCspMeta(html, file.split(path.sep).join('/') === SEARCH_PAGE_FILE));
      }
      const published = readContent(CONTENT_DIR).explainers.filter((explainer) => !explainer.draft);
      const redirects = oldSlugRedirects(published, base);
      writeInside(outDir, '_headers', headersFile(base));
      writeInside(outDir, '_redirects', redirectsFile(redirects));
      writeInside(outDir, '_nginx-redirects.conf', nginxRedirects(redirects));
      writeInside(outDir, '_nginx-search.conf', nginxSearch(base));
      for (const { from, to } of redirects) {
        writeInside(
          outDir,
          `${from.slice(base.replace(/\/+$/, '').length)}index.html`,
          redirectPage(to, site),
        );
      }
      const started = performance.now();
      const indexed = await writeSearchIndex(outDir, published);
      logger.info(
        `search index: ${indexed} pages and records in ${Math.round(performance.now() - started)} ms`,
      );
    },
  },
};

/**
 * Every MDX section makes Vite warn that the "use astro:head-inject" directive Astro itself writes
 * into the module "may not be preserved when bundling" (withastro/astro#18087): a dozen lines per
 * build that bury real messages. Only that warning is dropped.
 * @type {import('vite').Plugin}
 */
const quietHeadInjectWarning = {
  name: 'quiet-head-inject-warning',
  onLog: (_level, log) =>
    !(log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('use astro:head-inject')),
};

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  // The tests build other content folders (CONTENT_DIR, read in src/content.config.ts) into
  // folders of their own, so they never touch dist/.
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: process.env.CACHE_DIR ?? cacheDirFor(CONTENT_DIR),
  build: {
    format: 'directory',
    // One round trip to first paint: the stylesheet travels inside the HTML.
    inlineStylesheets: 'always',
  },
  // Two section files with one slug stop the build instead of one silently replacing the other.
  prerenderConflictBehavior: 'error',
  markdown: {
    // No code in the stories; Shiki's inline styles would also need CSP exceptions.
    syntaxHighlight: false,
    // Astro 7's default processor runs no remark plugins; footnotes and tables need remark-gfm.
    // remarkSectionRules checks each section on the tree the MDX compiler compiles, and stops
    // the build on anything the section rules refuse (code, raw HTML, unknown components).
    processor: unified({
      gfm: false,
      remarkPlugins: [remarkGfm, remarkSectionRules],
      rehypePlugins: [rehypeSectionFootnotes, rehypeTableCaptions],
      remarkRehype: { footnoteLabel: 'Notes', footnoteLabelTagName: 'h3' },
    }),
  },
  integrations: [
    mdx(),
    sitemap({
      // The search page is a tool, not a page of content to list.
      filter: (page) => new URL(page).pathname !== `${base.replace(/\/+$/, '')}/search/`,
      // Each page's lastmod: the day it last changed (src/lib/freshness.ts), so a crawler
      // revisits a corrected section without recrawling the rest.
      serialize(item) {
        dates ??= pageDates(readContent(CONTENT_DIR).explainers.filter((explainer) => !explainer.draft));
        const page = new URL(item.url).pathname.slice(base.replace(/\/+$/, '').length);
        const lastmod = dates.get(page);
        return lastmod ? { ...item, lastmod: `${lastmod}T00:00:00.000Z` } : item;
      },
    }),
    hostFiles,
  ],
  vite: {
    plugins: [tailwindcss(), quietHeadInjectWarning],
    // Scripts go to their own cached files rather than inline: the HTML stays within the
    // first round trip, and a Content-Security-Policy needs no 'unsafe-inline' for them.
    build: { assetsInlineLimit: 0 },
  },
});
