/**
 * The files static hosts read beside the site: `_headers` (Cloudflare Pages, Netlify) and
 * `_redirects`, plus the redirects for renamed section slugs. One policy, written here; the
 * nginx snippet in deploy/ carries the same headers, and a test keeps the two in step.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { escapeHtml } from './escape-html.ts';

/**
 * The Content-Security-Policy directives: only the site's own files, no plugins, no framing.
 * Forms may submit to the site alone: the header's search box is a plain GET form to /search/.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/**
 * The search page (and Pagefind's own files, whose worker runs the search) also compiles
 * WebAssembly: Pagefind's search runs as a .wasm module. 'wasm-unsafe-eval' allows that and
 * nothing else (no eval of JavaScript); every other page keeps the policy above.
 */
const SEARCH_CSP = CSP.map((directive) =>
  directive === "script-src 'self'" ? "script-src 'self' 'wasm-unsafe-eval'" : directive,
);

/**
 * The header policy for every response. Each page also carries its own CSP <meta> (cspMeta)
 * that allows its inline stylesheet by hash; both policies must pass, so 'unsafe-inline' here
 * admits only that hashed stylesheet in practice, and the meta keeps the site protected on hosts
 * that send no headers. HSTS covers the site's own host only: a subdomain may be another site.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP.join('; '),
  'Strict-Transport-Security': 'max-age=63072000',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The search page's folder, and the search index's (written by src/lib/search-index.ts). */
export const SEARCH_PAGE_DIR = 'search';
export const SEARCH_INDEX_DIR = 'pagefind';

/** The same headers for the search page and the search index's files. */
export const SEARCH_SECURITY_HEADERS: Record<string, string> = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': SEARCH_CSP.join('; '),
};

/** The built file of the search page, and the folder of the index (src/lib/search-index.ts). */
export const SEARCH_PAGE_FILE = `${SEARCH_PAGE_DIR}/index.html`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** The elements below `node`, in document order. */
function elements(node: ParentNode): Element[] {
  return node.childNodes.flatMap((child) => ('tagName' in child ? [child, ...elements(child)] : []));
}

/**
 * The policy a page states in its own <meta>: the header policy without frame-ancestors (which a
 * <meta> cannot set), its inline stylesheets allowed by their hashes rather than 'unsafe-inline',
 * and no script hashes, since the pages have no inline scripts (JSON-LD is data, not run). The
 * stylesheets are the <style> elements of the page as a browser parses it (parse5 follows the
 * HTML standard), never "<style>" found by pattern: an editor's text in an attribute may hold it.
 */
function policyFor(document: DefaultTreeAdapterMap['document'], wasm: boolean): string {
  const styles = elements(document)
    .filter((element) => element.tagName === 'style')
    .map((style) => sha256(style.childNodes.map((text) => ('value' in text ? text.value : '')).join('')));
  return (wasm ? SEARCH_CSP : CSP)
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .map((directive) =>
      directive.startsWith('style-src') ? ["style-src 'self'", ...styles].join(' ') : directive,
    )
    .join('; ');
}

export const metaPolicy = (html: string, wasm = false): string => policyFor(parse(html), wasm);

/**
 * A built page with its CSP <meta> as the first thing in <head>, before anything it governs:
 * inserted right after the start tag of the <head> element the parser found. `wasm` for the
 * search page alone (SEARCH_PAGE_FILE).
 */
export function withCspMeta(html: string, wasm = false): string {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const head = elements(document).find((element) => element.tagName === 'head');
  const at = head?.sourceCodeLocation?.startTag?.endOffset;
  if (at === undefined) throw new Error('the page has no <head> start tag to put its CSP <meta> after');
  return `${html.slice(0, at)}<meta http-equiv="content-security-policy" content="${policyFor(document, wasm)}">${html.slice(at)}`;
}

/** Fingerprinted build assets never change under the same name; everything else revalidates. */
export const CACHE = {
  immutable: 'public, max-age=31536000, immutable',
  revalidate: 'public, max-age=0, must-revalidate',
};

/**
 * The search index's files named by their content: Pagefind puts a hash of what they hold in the
 * name of its chunks (fragment/, index/, filter/) and of its metadata (pagefind.<hash>.pf_meta),
 * so they are cached like /_astro/. Its entry points keep their names from build to build and
 * must revalidate: pagefind.js, its worker, pagefind-entry.json (which names the current
 * metadata) and the WebAssembly (wasm.<language>.pagefind).
 */
const HASHED_SEARCH_FILE = new RegExp(
  `/${SEARCH_INDEX_DIR}/((fragment|index|filter)/[^/]+|pagefind\\.[^/]+\\.pf_meta)$`,
);

/** The Cache-Control a path is served with, as _headers and deploy/nginx give it. */
export function cacheControl(pathname: string): string {
  return pathname.includes('/_astro/') || HASHED_SEARCH_FILE.test(pathname)
    ? CACHE.immutable
    : CACHE.revalidate;
}

/** Whether a path is the search page or one of the index's files, served with SEARCH_SECURITY_HEADERS. */
export function isSearchPath(pathname: string, base = '/'): boolean {
  const root = base.replace(/\/+$/, '');
  return pathname === `${root}/${SEARCH_PAGE_DIR}/` || pathname.startsWith(`${root}/${SEARCH_INDEX_DIR}/`);
}

export interface Redirect {
  from: string;
  to: string;
}

/**
 * `_headers`: the policy for every path, revalidation for everything, and for /_astro/ a year's
 * caching in its place. Every response must end with one Cache-Control value, on both hosts:
 *
 * - Cloudflare Pages gives a path the headers of every rule that matches it, and joins a header
 *   set twice with a comma: /_astro/ files said "public, max-age=0, must-revalidate, public,
 *   max-age=31536000, immutable", and browsers revalidated them. A `! Name` line detaches a
 *   header that an earlier rule attached, so the /_astro/ rule comes after the catch-all and
 *   detaches before it sets. Documented under "Attach a header" and "Detach a header" at
 *   https://developers.cloudflare.com/pages/configuration/headers/ ; tests/hosts.test.ts checks
 *   it on workerd.
 * - Netlify's docs (https://docs.netlify.com/manage/routing/headers/) do not say how matching
 *   rules combine. Its own engine (@netlify/headers, which `netlify dev` runs) takes each header
 *   from the last matching rule that sets it, and its parser skips a line with no colon, so the
 *   same file gives the /_astro/ value once there too (@netlify/headers 3.0.1, checked by hand;
 *   nothing here runs it). The rule order is what both hosts need.
 */
export function headersFile(base: string): string {
  const root = base.replace(/\/+$/, '');
  const searchCsp = SEARCH_SECURITY_HEADERS['Content-Security-Policy'];
  return [
    `${root}/*`,
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`),
    `  Cache-Control: ${CACHE.revalidate}`,
    '',
    `${root}/_astro/*`,
    '  ! Cache-Control',
    `  Cache-Control: ${CACHE.immutable}`,
    '',
    // The search page and the index's files (its worker runs the WebAssembly) allow WebAssembly.
    ...[`${root}/${SEARCH_PAGE_DIR}/`, `${root}/${SEARCH_INDEX_DIR}/*`].flatMap((rule) => [
      rule,
      '  ! Content-Security-Policy',
      `  Content-Security-Policy: ${searchCsp}`,
      '',
    ]),
    // The index's content-hashed files (HASHED_SEARCH_FILE) are cached for good.
    ...['fragment/*', 'index/*', 'filter/*', 'pagefind.*.pf_meta'].flatMap((rule) => [
      `${root}/${SEARCH_INDEX_DIR}/${rule}`,
      '  ! Cache-Control',
      `  Cache-Control: ${CACHE.immutable}`,
      '',
    ]),
  ].join('\n');
}

/** `_redirects`: permanent redirects, old section URLs to the new ones. */
export function redirectsFile(redirects: Redirect[]): string {
  return redirects.map(({ from, to }) => `${from} ${to} 301`).join('\n') + (redirects.length ? '\n' : '');
}

/** The sections of each explainer, as the content reader accepted them. */
interface Published {
  id: string;
  sections: { slug: string; oldSlugs: string[] }[];
}

/** Old section URLs, from each section's `oldSlugs`: /<explainer>/<old>/ to /<explainer>/<slug>/. */
export function oldSlugRedirects(explainers: Published[], base: string): Redirect[] {
  const root = base.replace(/\/+$/, '');
  return explainers.flatMap((explainer) =>
    explainer.sections.flatMap((section) =>
      section.oldSlugs.map((old) => ({
        from: `${root}/${explainer.id}/${old}/`,
        to: `${root}/${explainer.id}/${section.slug}/`,
      })),
    ),
  );
}

/**
 * The same redirects for nginx, which reads no _redirects file: an exact location per old
 * section URL (with and without its trailing slash) answering 301 with the new one. Included in
 * the server block (deploy/nginx/explainers.conf shows where). The redirect revalidates like a
 * page, as on Cloudflare, whose `/*` rule covers redirects too: a browser may keep a 301 without
 * Cache-Control for good, so a rename taken back would go on sending readers away. Slugs are
 * checked names, so nothing in them can reach nginx's syntax.
 */
export function nginxRedirects(redirects: Redirect[]): string {
  const lines = redirects.flatMap(({ from, to }) =>
    [from, from.replace(/\/$/, '')].map(
      (path) =>
        `location = ${path} { include explainers-headers.conf; add_header Cache-Control "${CACHE.revalidate}" always; return 301 ${to}; }`,
    ),
  );
  return `# Written by the build: renamed sections. Include in the server block of deploy/nginx.\n${lines.join('\n')}\n`;
}

/** nginx's add_header lines for a set of headers and a Cache-Control. */
const nginxHeaders = (headers: Record<string, string>, cache: string) =>
  [...Object.entries(headers), ['Cache-Control', cache]]
    .map(([name, value]) => `add_header ${name} "${value}" always;`)
    .join(' ');

/**
 * The search page and the index's files for nginx, included in the server block like the
 * redirects (deploy/nginx/explainers.conf shows where): their policy allows WebAssembly, which
 * explainers-headers.conf gives no other path, and the index's content-hashed files are cached
 * for good. Written by the build, which knows the base path, so a story's section called
 * "search" is never mistaken for the search page. Locations for one path each (`=`) or below
 * one folder (`^~`): nginx takes them before the snippet's regular expressions.
 */
export function nginxSearch(base: string): string {
  const root = base.replace(/\/+$/, '');
  const index = `${root}/${SEARCH_INDEX_DIR}/`;
  const hashed = `^${index.replace(/[.]/g, '\\.')}((fragment|index|filter)/[^/]+|pagefind\\.[^/]+\\.pf_meta)$`;
  return [
    '# Written by the build: the search page and its index. Include in the server block of deploy/nginx.',
    `location = ${root}/${SEARCH_PAGE_DIR}/ { try_files \${uri}index.html =404; ${nginxHeaders(SEARCH_SECURITY_HEADERS, CACHE.revalidate)} }`,
    `location ^~ ${index} {`,
    `  ${nginxHeaders(SEARCH_SECURITY_HEADERS, CACHE.revalidate)}`,
    `  location ~ ${hashed} { ${nginxHeaders(SEARCH_SECURITY_HEADERS, CACHE.immutable)} }`,
    '}',
    '',
  ].join('\n');
}

/**
 * A page at an old section URL that sends the reader (and search engines) to the new one. It
 * needs no script or style, and its policy says so.
 */
export function redirectPage(to: string, site: string): string {
  const canonical = escapeHtml(new URL(to, site).href);
  const target = escapeHtml(to);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">
<title>This section has moved</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${target}">
<link rel="canonical" href="${canonical}">
</head>
<body>
<p>This section has moved to <a href="${target}">${canonical}</a>.</p>
</body>
</html>
`;
}

/**
 * Writes `text` to `relative` below `dir`, refusing any path that would land outside it: what
 * the build writes after Astro has finished stays in the output folder, whatever a name holds.
 */
export function writeInside(dir: string, relative: string, text: string): void {
  const root = path.resolve(dir);
  const file = path.resolve(root, `.${path.sep}${relative}`);
  if (!file.startsWith(root + path.sep)) throw new Error(`Refusing to write ${relative} outside ${root}`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
