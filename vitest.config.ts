/// <reference types="vitest/config" />
import { readdirSync, readFileSync } from 'node:fs';
import { getViteConfig } from 'astro/config';
import type { EngineName } from './tests/browser/engines';

const ENGINES: EngineName[] = ['chromium', 'firefox', 'firefox-esr-140', 'webkit'];
/** The test files that start Astro themselves: a build (tests/build.ts), `npm run build` or a dev server. */
const RUN_ASTRO = readdirSync(new URL('tests/', import.meta.url))
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) =>
    /astroBuild\(|astro\.mjs|scripts\/build\.ts/.test(
      readFileSync(new URL(`tests/${file}`, import.meta.url), 'utf8'),
    ),
  )
  .map((file) => `tests/${file}`);

// getViteConfig lets component tests import .astro files for the container API.
export default getViteConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    reporters: ['default', './tests/durations.ts'],
    // The content-error tests run whole Astro builds.
    testTimeout: 120_000,
    // Browser tests mostly wait on their browser: two files at once keep both cores busy.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['tests/*.test.ts'], exclude: RUN_ASTRO } },
      // Astro writes its generated content modules to the project's .astro/ folder whatever the
      // outDir, cacheDir or CONTENT_DIR, so two Astro processes on one project read each other's
      // collections (a dev server answered UnknownContentCollectionError while a fixture built).
      // The files that start Astro run one at a time.
      { test: { name: 'astro', include: RUN_ASTRO, fileParallelism: false } },
      // The browser tests, once per engine: the same files, told which engine by `inject('engine')`.
      ...ENGINES.map((engine) => ({
        test: { name: engine, include: ['tests/browser/*.test.ts'], provide: { engine } },
      })),
    ],
  },
});
