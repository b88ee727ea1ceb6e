/**
 * The files static hosts read beside the site: `_headers` (Cloudflare Pages, Netlify) and
 * `_redirects`, plus the redirects for renamed section slugs. One policy, written here; the
 * nginx snippet in deploy/ carries the same headers, and a test keeps the two in step.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * The header policy for every response. The CSP allows only the site's own files; Astro adds a
 * per-page <meta> CSP with the hashes of the inline stylesheet, and both policies must pass, so
 * the inline stylesheet allowed by 'unsafe-inline' here is in effect only the hashed one.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; '),
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Fingerprinted build assets never change under the same name; everything else revalidates. */
export const CACHE = {
  immutable: 'public, max-age=31536000, immutable',
  revalidate: 'public, max-age=0, must-revalidate',
};

export interface Redirect {
  from: string;
  to: string;
}

/** `_headers`: the policy for every path, long caching for /_astro/, revalidation for the rest. */
export function headersFile(base: string): string {
  const root = base.replace(/\/+$/, '');
  const lines = [
    `${root}/*`,
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`),
  ];
  lines.push(
    `  Cache-Control: ${CACHE.revalidate}`,
    '',
    `${root}/_astro/*`,
    `  Cache-Control: ${CACHE.immutable}`,
  );
  return `${lines.join('\n')}\n`;
}

/** `_redirects`: permanent redirects, old section URLs to the new ones. */
export function redirectsFile(redirects: Redirect[]): string {
  return redirects.map(({ from, to }) => `${from} ${to} 301`).join('\n') + (redirects.length ? '\n' : '');
}

/**
 * Old section URLs, from the `oldSlugs` in each section's frontmatter: /<explainer>/<old>/ to
 * /<explainer>/<slug>/. Read straight from the files because Astro's redirects are configured
 * before content collections load; a file that does not parse is left to the schema to report.
 */
export function oldSlugRedirects(contentDir: string, base: string): Redirect[] {
  const root = base.replace(/\/+$/, '');
  const redirects: Redirect[] = [];
  for (const explainer of readdirSync(contentDir)) {
    const sectionsDir = path.join(contentDir, explainer, 'sections');
    let files: string[];
    try {
      files = readdirSync(sectionsDir).filter((file) => file.endsWith('.mdx'));
    } catch {
      continue;
    }
    for (const file of files.sort()) {
      const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path.join(sectionsDir, file), 'utf8'));
      let data: { slug?: unknown; oldSlugs?: unknown } | undefined;
      try {
        data = match ? (parseYaml(match[1]!) as typeof data) : undefined;
      } catch {
        continue;
      }
      if (typeof data?.slug !== 'string' || !Array.isArray(data.oldSlugs)) continue;
      for (const old of data.oldSlugs) {
        redirects.push({
          from: `${root}/${explainer}/${String(old)}/`,
          to: `${root}/${explainer}/${data.slug}/`,
        });
      }
    }
  }
  return redirects;
}

/** A page at an old section URL that sends the reader (and search engines) to the new one. */
export function redirectPage(to: string, site: string): string {
  const canonical = new URL(to, site).href;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>This section has moved</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${to}">
<link rel="canonical" href="${canonical}">
</head>
<body>
<p>This section has moved to <a href="${to}">${canonical}</a>.</p>
</body>
</html>
`;
}
