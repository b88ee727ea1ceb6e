import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Where the explainers live. CONTENT_DIR overrides it, which the tests use to build broken
 * fixtures; every explainer is one folder here, and the folder name is its id and URL path.
 */
export const CONTENT_DIR = process.env.CONTENT_DIR ?? './content/explainers';

/**
 * Astro's cache folder for a content folder. The cache keeps a content data store that
 * remembers each entry's file, and a build refuses an entry found again under another folder
 * (DuplicateContentEntrySlugError): one cache shared by two content folders (the test build's
 * and content/) stops every build of the other after it. So each content folder has its own.
 */
export function cacheDirFor(contentDir: string): string {
  const resolved = path.resolve(contentDir);
  if (resolved === path.resolve('content/explainers')) return './node_modules/.astro';
  return `./node_modules/.astro-content-${createHash('sha256').update(resolved).digest('hex').slice(0, 12)}`;
}
