/**
 * `npm run build`: builds the site into a fresh folder beside dist/ and swaps it in only when the
 * build succeeds. A failed build leaves the previous dist/ exactly as it was, so a deploy step
 * that does not check the exit code still publishes the last good site, never an empty one.
 *
 *   node scripts/build.ts          OUT_DIR names the final folder (default dist)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const target = path.resolve(root, process.env.OUT_DIR ?? 'dist');
const next = `${target}.building-${process.pid}`;
const previous = `${target}.previous-${process.pid}`;

const { status } = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'],
  {
    cwd: root,
    env: { ...process.env, OUT_DIR: next },
    stdio: 'inherit',
  },
);

if (status !== 0) {
  rmSync(next, { recursive: true, force: true });
  console.error(`\nThe build failed; ${path.relative(root, target) || target}/ is unchanged.`);
  process.exit(status ?? 1);
}
if (existsSync(target)) renameSync(target, previous);
renameSync(next, target);
rmSync(previous, { recursive: true, force: true });
