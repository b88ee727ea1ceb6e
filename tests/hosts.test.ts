/**
 * The built site on the servers it is deployed to, Cloudflare's runtime (workerd, through
 * `wrangler pages dev`, reading _headers and _redirects) and nginx (deploy/nginx/), for the root
 * build and the subpath build: for each kind of path, the status, the Location and the final
 * value of every header the site sets. A header a host joins from two rules ("a, b") fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE, SEARCH_SECURITY_HEADERS, SECURITY_HEADERS } from '../src/lib/host-files';
import { builtSite, builtSubpathSite, sitePages, SUBPATH } from './build';
import { startNginx, startWrangler, type Server } from './servers';

/** Where the hosts differ, each way right: Cloudflare's answers that are not the site's files. */
interface Host {
  /** The status of the redirect to a page's address with its trailing slash. */
  addSlash: number;
  /** The Cache-Control of the 404 page. */
  notFoundCache: string;
}

interface Expected {
  path: string;
  status: number;
  location?: string;
  cache: string;
  body?: string;
  /** The search page and the index's files: their policy alone allows WebAssembly. */
  search?: boolean;
}

/** One path of each kind, found in the built site rather than named here. */
function pathClasses(site: string, base: string, host: Host): Record<string, Expected> {
  const page = sitePages(site).find((file) => /^[^/]+\/index\.html$/.test(file))!;
  const story = page.replace(/\/index\.html$/, '');
  const asset = readdirSync(path.join(site, '_astro')).find((file) => file.endsWith('.js'))!;
  const card = readdirSync(path.join(site, 'og')).find((file) => file.endsWith('.png'))!;
  // "from to 301", written with the base path.
  const [from, to] = readFileSync(path.join(site, '_redirects'), 'utf8').split('\n')[0]!.split(' ');
  const index = path.join(site, 'pagefind');
  const inIndex = (folder: string, ending: string) =>
    readdirSync(path.join(index, folder)).find((file) => file.endsWith(ending))!;
  const searchFile = (file: string, cache: string): Expected => ({
    path: `${base}pagefind/${file}`,
    status: 200,
    cache,
    search: true,
  });
  return {
    'the search page': { path: `${base}search/`, status: 200, cache: CACHE.revalidate, search: true },
    'a search for a word': {
      path: `${base}search/?q=section`,
      status: 200,
      cache: CACHE.revalidate,
      search: true,
    },
    // Pagefind's entry points keep their names from build to build: never immutable.
    'the search script': searchFile('pagefind.js', CACHE.revalidate),
    'the search worker': searchFile('pagefind-worker.js', CACHE.revalidate),
    'the search entry': searchFile('pagefind-entry.json', CACHE.revalidate),
    'the search WebAssembly': searchFile(inIndex('.', '.pagefind'), CACHE.revalidate),
    // Its chunks and metadata are named by their content: cached for good.
    'the search metadata': searchFile(inIndex('.', '.pf_meta'), CACHE.immutable),
    'a search index chunk': searchFile(`index/${inIndex('index', '.pf_index')}`, CACHE.immutable),
    'a search fragment': searchFile(`fragment/${inIndex('fragment', '.pf_fragment')}`, CACHE.immutable),
    'an HTML page': { path: `${base}${story}/`, status: 200, cache: CACHE.revalidate },
    'a hashed asset': { path: `${base}_astro/${asset}`, status: 200, cache: CACHE.immutable },
    'a social card': { path: `${base}og/${card}`, status: 200, cache: CACHE.revalidate },
    'the feed': { path: `${base}feed.xml`, status: 200, cache: CACHE.revalidate },
    'a renamed section': { path: from!, status: 301, location: to!, cache: CACHE.revalidate },
    'a missing page': {
      path: `${base}no-such-page/`,
      status: 404,
      cache: host.notFoundCache,
      body: 'Page not found',
    },
    'a folder without index.html': {
      path: `${base}og/`,
      status: 404,
      cache: host.notFoundCache,
      body: 'Page not found',
    },
    'a page without its trailing slash': {
      path: `${base}${story}`,
      status: host.addSlash,
      location: `${base}${story}/`,
      cache: CACHE.revalidate,
    },
  };
}

describe.each([
  // Cloudflare adds the slash with a 308 and sends its 404 page with `no-store` whatever the
  // _headers rule says (seen on workerd); nginx says 301, and the snippet's caching for the 404.
  ['workerd (wrangler pages dev)', startWrangler, { addSlash: 308, notFoundCache: 'no-store' }],
  ['nginx', startNginx, { addSlash: 301, notFoundCache: CACHE.revalidate }],
] as const)('%s', (_, start, host) => {
  describe.each([
    ['root', builtSite, '/'],
    ['subpath', builtSubpathSite, SUBPATH],
  ] as const)('the %s build', (__, site, base) => {
    let server: Server;
    // Longer than either server's own bounded wait for its start, which stops it and throws.
    beforeAll(async () => {
      server = await start(site, base);
    }, 90_000);
    afterAll(() => server?.stop());

    it.each(Object.entries(pathClasses(site, base, host)))('%s', async (_, expected) => {
      const response = await fetch(`${server.url}${expected.path}`, { redirect: 'manual' });
      expect(response.status, expected.path).toBe(expected.status);
      expect(response.headers.get('location'), expected.path).toBe(expected.location ?? null);
      // One value: a host that joins two rules' values answers "a, b" here.
      expect(response.headers.get('cache-control'), expected.path).toBe(expected.cache);
      const headers = expected.search ? SEARCH_SECURITY_HEADERS : SECURITY_HEADERS;
      for (const [name, value] of Object.entries(headers)) {
        expect(response.headers.get(name), `${name} on ${expected.path}`).toBe(value);
      }
      // WebAssembly is allowed where the search runs, and nowhere else.
      expect(response.headers.get('content-security-policy')!.includes("'wasm-unsafe-eval'")).toBe(
        expected.search === true,
      );
      if (expected.body) expect(await response.text()).toContain(expected.body);
    });
  });
});
