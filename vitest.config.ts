/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// getViteConfig lets component tests import .astro files for the container API.
export default getViteConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // The content-error tests run whole Astro builds.
    testTimeout: 120_000,
  },
});
