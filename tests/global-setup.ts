import { rmSync } from 'node:fs';
import { astroBuild, builtSite, builtSubpathSite, SUBPATH } from './build';
import { composeTestContent, contentDir } from './content';
import { ensureSystem } from './system';

/**
 * Checks the machine has what the tests need (tests/system.ts), then builds the real explainers
 * together with the test-only ones (tests/fixtures/explainers) twice, for a domain root and for a
 * subpath, into tests/.tmp/, so the output tests read what this code makes of stories of more
 * than one shape (and never touch dist/).
 */
export default function setup() {
  ensureSystem();
  composeTestContent();
  for (const [outDir, base] of [
    [builtSite, '/'],
    [builtSubpathSite, SUBPATH],
  ] as const) {
    rmSync(outDir, { recursive: true, force: true });
    const { status, output } = astroBuild({ OUT_DIR: outDir, BASE_PATH: base, CONTENT_DIR: contentDir });
    if (status !== 0) throw new Error(`The site does not build for base ${base}:\n${output}`);
  }
}
