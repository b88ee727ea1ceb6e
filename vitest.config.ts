/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';
import type { EngineName } from './tests/browser/engines';

const ENGINES: EngineName[] = ['chromium', 'firefox', 'firefox-esr-140', 'webkit'];

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
      { test: { name: 'unit', include: ['tests/*.test.ts'] } },
      // The browser tests, once per engine: the same files, told which engine by `inject('engine')`.
      ...ENGINES.map((engine) => ({
        test: { name: engine, include: ['tests/browser/*.test.ts'], provide: { engine } },
      })),
    ],
  },
});
