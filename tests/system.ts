/**
 * What the tests need from the machine besides npm packages: three browser engines, Xvfb for
 * WebKit, nginx and Java. Found here, in one place; on Debian as root the missing packages are
 * installed with apt-get, anywhere else the run stops with the one command that installs them.
 * Firefox ESR 140 (a browser without CSS anchor positioning and without ::details-content) is
 * unpacked from Debian's archive into a cache folder beside the installed Firefox, never over it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, globSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

interface Requirement {
  /** What the reader of an error message knows it as. */
  name: string;
  /** The Debian package that brings it. */
  pkg: string;
  /** Where it is: an environment variable may point elsewhere. */
  find: () => string | undefined;
}

const which = (command: string) =>
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, command))
    .find((file) => existsSync(file));
const first = (...files: (string | undefined)[]) => files.find((file) => file && existsSync(file));

const REQUIREMENTS: Requirement[] = [
  { name: 'Chromium', pkg: 'chromium', find: () => first(process.env.CHROMIUM_PATH, '/usr/bin/chromium') },
  {
    name: 'Firefox ESR',
    pkg: 'firefox-esr',
    find: () => first(process.env.FIREFOX_PATH, '/usr/bin/firefox-esr'),
  },
  {
    name: 'WebKitGTK WebDriver',
    pkg: 'webkit2gtk-driver',
    find: () => first(process.env.WEBKIT_WEBDRIVER_PATH, '/usr/bin/WebKitWebDriver'),
  },
  {
    // Installed with the driver (its dependency libwebkit2gtk-4.1-0), outside PATH.
    name: 'WebKitGTK MiniBrowser',
    pkg: 'webkit2gtk-driver',
    find: () => first(process.env.MINIBROWSER_PATH, ...globSync('/usr/lib/*/webkit2gtk-4.1/MiniBrowser')),
  },
  { name: 'Xvfb', pkg: 'xvfb', find: () => first(process.env.XVFB_PATH, '/usr/bin/Xvfb') },
  { name: 'nginx', pkg: 'nginx', find: () => first(process.env.NGINX_PATH, '/usr/sbin/nginx') },
  { name: 'Java (for the Nu HTML Checker)', pkg: 'default-jre-headless', find: () => which('java') },
];

/** The browser the tests drive for each engine, and the other programs, by path. */
export function systemPaths() {
  const path = (name: string) => {
    const found = REQUIREMENTS.find((r) => r.name === name)!.find();
    if (!found)
      throw new Error(`${name} is missing: the global set-up (tests/system.ts) should have said so`);
    return found;
  };
  return {
    chromium: () => path('Chromium'),
    firefox: () => path('Firefox ESR'),
    firefox140: () => firefoxEsr140(false),
    webkitDriver: () => path('WebKitGTK WebDriver'),
    miniBrowser: () => path('WebKitGTK MiniBrowser'),
    xvfb: () => path('Xvfb'),
    nginx: () => path('nginx'),
  };
}

export interface Machine {
  root: boolean;
  apt: boolean;
}

/**
 * What to do about the missing packages: nothing, run these commands (root with apt-get), or
 * stop with this message naming the command that installs them.
 */
export function installPlan(
  missing: { name: string; pkg: string }[],
  machine: Machine,
): { run: string[][] } | { stop: string } | null {
  if (missing.length === 0) return null;
  const packages = [...new Set(missing.map((m) => m.pkg))];
  const install = ['apt-get', 'install', '-y', ...packages];
  if (machine.root && machine.apt) return { run: [['apt-get', 'update', '-qq'], install] };
  const command = `${machine.root ? '' : 'sudo '}${install.join(' ')}`;
  return {
    stop:
      `The tests need ${missing.map((m) => m.name).join(', ')}. Install ${packages.length > 1 ? 'them' : 'it'} with:\n\n` +
      `  ${command}\n\n` +
      (machine.apt ? '' : `(Debian's packages; elsewhere, set the paths in tests/system.ts's variables.)\n`),
  };
}

const machine = (): Machine => ({
  root: process.getuid?.() === 0,
  apt: which('apt-get') !== undefined,
});

/** Finds what the tests need, installs what is missing where it can, or throws one message. */
export function ensureSystem(): void {
  const missing = REQUIREMENTS.filter((r) => !r.find());
  const plan = installPlan(missing, machine());
  if (plan && 'stop' in plan) throw new Error(plan.stop);
  if (plan) {
    console.log(`Installing ${missing.map((m) => m.name).join(', ')} with apt-get…`);
    for (const [command, ...args] of plan.run) {
      const result = spawnSync(command!, args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed`);
    }
    const still = REQUIREMENTS.filter((r) => !r.find());
    if (still.length) throw new Error(`Still missing after apt-get: ${still.map((r) => r.name).join(', ')}`);
  }
  firefoxEsr140(true);
}

/** Debian's Firefox ESR 140 packages, newest first, from `apt-cache madison`. */
export function esr140Versions(madison: string): string[] {
  return [...madison.matchAll(/^\s*firefox-esr\s*\|\s*(140\.[^\s|]+)\s*\|/gm)]
    .map((m) => m[1]!)
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
}

const cacheDir = () =>
  path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'news-explainers-tests');

/**
 * Firefox ESR 140's binary: FIREFOX_140_PATH, or a copy unpacked from Debian's archive into
 * ~/.cache/news-explainers-tests/ (`apt-get download` + `dpkg -x`, nothing installed).
 */
function firefoxEsr140(fetch: boolean): string {
  if (process.env.FIREFOX_140_PATH) return process.env.FIREFOX_140_PATH;
  const binary = (dir: string) => path.join(dir, 'usr/lib/firefox-esr/firefox-esr');
  const cached = existsSync(cacheDir())
    ? readdirSync(cacheDir())
        .filter((dir) => dir.startsWith('firefox-esr-140.') && existsSync(binary(path.join(cacheDir(), dir))))
        .sort()
        .at(-1)
    : undefined;
  if (cached) return binary(path.join(cacheDir(), cached));
  if (!fetch)
    throw new Error('Firefox ESR 140 is missing: the global set-up (tests/system.ts) should have fetched it');
  const { root, apt } = machine();
  if (!apt) {
    throw new Error(
      'The tests need Firefox ESR 140 (no anchor positioning) and fetch it with apt-get, which this machine ' +
        'lacks. Point FIREFOX_140_PATH at a Firefox 140 binary.',
    );
  }
  const madison = () => execFileSync('apt-cache', ['madison', 'firefox-esr'], { encoding: 'utf8' });
  let versions = esr140Versions(madison());
  if (versions.length === 0 && root) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    versions = esr140Versions(madison());
  }
  if (versions.length === 0) {
    throw new Error(
      "The tests need Firefox ESR 140 from Debian's archive, which apt does not list. Run:\n\n" +
        `  ${root ? '' : 'sudo '}apt-get update\n`,
    );
  }
  const version = versions[0]!;
  console.log(`Fetching Firefox ESR ${version} from Debian's archive into ${cacheDir()}…`);
  mkdirSync(cacheDir(), { recursive: true });
  const work = mkdtempSync(path.join(cacheDir(), 'download-'));
  try {
    execFileSync('apt-get', ['download', '-qq', `firefox-esr=${version}`], { cwd: work, stdio: 'ignore' });
    const deb = readdirSync(work).find((file) => file.endsWith('.deb'))!;
    execFileSync('dpkg', ['-x', deb, 'unpacked'], { cwd: work });
    const dir = path.join(cacheDir(), `firefox-esr-${version.replace(/[^\w.-]/g, '_')}`);
    renameSync(path.join(work, 'unpacked'), dir);
    return binary(dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
