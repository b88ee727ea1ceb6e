/** Runs `astro build` the way npm does, returning its exit code and everything it printed. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
export const builtSite = path.join(root, 'tests/.tmp/site');
/** The same site built to live below a path on its host, as on GitHub Pages for a project. */
export const SUBPATH = '/explainers/';
export const builtSubpathSite = path.join(root, 'tests/.tmp/site-subpath');

/**
 * The environment without what Vitest adds for its own Vite (BASE_URL, MODE, DEV, PROD, SSR,
 * VITEST...): a child build that inherits BASE_URL=/ ignores its own base path.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV'].includes(name) || name.startsWith('VITE')) {
      delete env[name];
    }
  }
  return env;
}

export function astroBuild(env: Record<string, string> = {}): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    env: { ...cleanEnv(), ...env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * The pages of a built site (paths like "some-story/index.html"), leaving out the
 * redirect pages Astro writes for renamed sections: they only send the browser on.
 */
export function sitePages(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .filter((file) => !readFileSync(path.join(dir, file), 'utf8').includes('http-equiv="refresh"'))
    .sort();
}
