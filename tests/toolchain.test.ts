/**
 * The Node that runs the build is a dependency like any other: installed from the lockfile with
 * its integrity hash, by no install script. (The `node` package fetched it in a preinstall
 * script, outside the lockfile, and asked for versions the registry does not have for macOS.)
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './build';

interface LockEntry {
  version: string;
  integrity?: string;
  os?: string[] | string;
  cpu?: string[] | string;
  hasInstallScript?: boolean;
  bin?: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock: Record<string, LockEntry> = JSON.parse(
  readFileSync(path.join(root, 'package-lock.json'), 'utf8'),
).packages;

describe('the Node binary', () => {
  const nodes = Object.entries(lock).filter(([, entry]) => entry.bin?.node);

  it('comes in one integrity-pinned package per platform, each Node 24, none with an install script', () => {
    expect(nodes.length).toBeGreaterThan(0);
    for (const [where, entry] of nodes) {
      expect(entry.integrity, where).toMatch(/^sha512-/);
      expect(entry.os, where).toBeDefined();
      expect(entry.cpu, where).toBeDefined();
      expect(entry.version, where).toMatch(/^24\./);
      expect(entry.hasInstallScript, where).toBeUndefined();
      expect(pkg.optionalDependencies[where.replace('node_modules/', '')], where).toBe(entry.version);
    }
    const platforms = nodes.map(([, entry]) => `${entry.os}-${entry.cpu}`);
    for (const platform of ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'])
      expect(platforms).toContain(platform);
  });

  it('that npm scripts run is the lockfile’s package for this machine, and runs these tests', () => {
    const binary = realpathSync(
      path.join(root, 'node_modules/.bin', process.platform === 'win32' ? 'node.exe' : 'node'),
    );
    const owner = path.relative(root, binary).split(path.sep).slice(0, 2).join('/');
    expect(lock[owner], `${binary} is not a package the lockfile installs`).toBeDefined();
    expect(process.version).toBe(`v${lock[owner]!.version}`);
  });
});

it('runs no install script the project has not approved', () => {
  const scripted = Object.entries(lock)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([where]) => where.split('node_modules/').pop()!);
  for (const name of scripted) expect(Object.keys(pkg.allowScripts), name).toContain(name);
});
