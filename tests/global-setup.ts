import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { astroBuild, builtSite, builtSubpathSite, SUBPATH } from './build';
import { composeTestContent, contentDir } from './content';
import { ensureSystem } from './system';

/**
 * Checks the machine has what the tests need (tests/system.ts), then builds the real explainers
 * together with the test-only ones (tests/fixtures/explainers) and stories generated from a
 * seed (tests/stories.ts) twice, for a domain root and for a
 * subpath, into tests/.tmp/, so the output tests read what this code makes of stories of more
 * than one shape (and never touch dist/).
 */
export default function setup(project: TestProject) {
  ensureSystem();
  // The generated stories' seed: STORY_SEED re-runs a failure; otherwise each run tries new shapes.
  const seed = Number(process.env.STORY_SEED ?? Math.floor(Math.random() * 2 ** 31));
  if (!Number.isSafeInteger(seed))
    throw new Error(`STORY_SEED must be a whole number, not ${process.env.STORY_SEED}`);
  console.log(`story seed: ${seed} (re-run with STORY_SEED=${seed})`);
  project.provide('storySeed', seed);
  composeTestContent(seed);
  for (const [outDir, base] of [
    [builtSite, '/'],
    [builtSubpathSite, SUBPATH],
  ] as const) {
    rmSync(outDir, { recursive: true, force: true });
    const { status, output } = astroBuild({ OUT_DIR: outDir, BASE_PATH: base, CONTENT_DIR: contentDir });
    if (status !== 0) throw new Error(`The site does not build for base ${base}:\n${output}`);
  }
}
