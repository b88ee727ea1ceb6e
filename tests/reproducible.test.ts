/**
 * Building twice from the same commit gives the same bytes: no timestamps, random ids or
 * machine paths in the output (social card images included), and the build never rewrites
 * anything in content/.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { astroBuild, builtSite, root } from './build';
import { contentDir, realContentDir } from './content';

const again = path.join(root, 'tests/.tmp/second-build');
const emptyCardCache = path.join(root, 'tests/.tmp/second-build-cards');
afterAll(() => {
  for (const dir of [again, emptyCardCache]) rmSync(dir, { recursive: true, force: true });
});

/** Every file below `dir` with the SHA-256 of its bytes. */
function fingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => statSync(path.join(dir, file)).isFile())
      .sort()
      .map((file) => [
        file,
        createHash('sha256')
          .update(readFileSync(path.join(dir, file)))
          .digest('hex'),
      ]),
  );
}

it('a second build is byte-identical to the first and leaves content/ untouched', () => {
  const contentBefore = [fingerprint(realContentDir), fingerprint(contentDir)];
  // The first build may have taken its social cards from the card cache; this one draws them
  // all, so a cache hit is shown to give the bytes a fresh drawing gives.
  rmSync(emptyCardCache, { recursive: true, force: true });
  const { status, output } = astroBuild({
    OUT_DIR: again,
    CONTENT_DIR: contentDir,
    CARD_CACHE_DIR: emptyCardCache,
  });
  expect(status, output).toBe(0);
  const first = fingerprint(builtSite);
  const second = fingerprint(again);
  expect(Object.keys(second)).toEqual(Object.keys(first));
  const differing = Object.keys(first).filter((file) => first[file] !== second[file]);
  expect(differing).toEqual([]);
  expect(Object.keys(first).filter((f) => f.startsWith('og/') && f.endsWith('.png')).length).toBeGreaterThan(
    2,
  );
  expect([fingerprint(realContentDir), fingerprint(contentDir)]).toEqual(contentBefore);
});

it('no machine path leaks into the output', () => {
  const leaks = Object.keys(fingerprint(builtSite)).filter((file) =>
    readFileSync(path.join(builtSite, file)).includes(root),
  );
  expect(leaks).toEqual([]);
});
