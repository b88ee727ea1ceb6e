/**
 * Lighthouse runs against Debian's Chromium, one fresh browser per run, and the figures taken
 * from them. Every Chromium started here is in `running` until closed, so the caller can kill
 * what is left if the process has to stop early.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lighthouse, { type Result } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

export type { Result };
export type FormFactor = 'mobile' | 'desktop';
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  // Without these Chromium keeps trying to reach Google's servers, which this network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Port 0: Chromium picks a free port and writes it to <profile>/DevToolsActivePort.
  '--remote-debugging-port=0',
];

/** Chromium processes still running, with their temporary profile directories. */
const running = new Map<ChildProcess, string>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal); // the whole group: renderers and helpers too
  } catch {
    // Already gone.
  }
}

/** For an exit handler: ends every Chromium still running, synchronously. */
export function killAllChromium(): void {
  for (const [child, profile] of running) {
    killGroup(child, 'SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  }
  running.clear();
}

/** Starts headless Chromium with a fresh profile; resolves with its debugging port. */
async function launchChromium(): Promise<{ port: number; close: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'));
  // detached: Chromium leads its own process group, which close() ends as a whole.
  const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], {
    detached: true,
    stdio: 'ignore',
  });
  running.set(child, profile);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const close = async () => {
    if (!running.delete(child)) return;
    killGroup(child, 'SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
    killGroup(child, 'SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  };
  const portFile = path.join(profile, 'DevToolsActivePort');
  for (let waited = 0; waited < 20_000 && child.exitCode === null; waited += 100) {
    const port = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').split('\n')[0]) : 0;
    if (port > 0) return { port, close };
    await sleep(100);
  }
  await close();
  throw new Error(`Chromium (${CHROMIUM}) did not open a debugging port`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One Lighthouse run in its own Chromium, so runs share no cache, storage or leftover tabs. */
export async function runLighthouse(url: string, formFactor: FormFactor, timeoutMs: number): Promise<Result> {
  const chromium = await launchChromium();
  try {
    const flags = { port: chromium.port, hostname: '127.0.0.1', onlyCategories: CATEGORIES };
    const config = formFactor === 'desktop' ? desktopConfig : undefined; // undefined: the mobile default
    const run = lighthouse(url, { ...flags, output: 'json', logLevel: 'error' }, config);
    const result = await withTimeout(run, timeoutMs, `Lighthouse ${formFactor} ${url}`);
    if (!result) throw new Error('Lighthouse returned no result');
    if (result.lhr.runtimeError) throw new Error(result.lhr.runtimeError.message);
    return result.lhr;
  } finally {
    await chromium.close(); // after a timeout this also ends the abandoned run, whose browser is gone
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Medians over the runs, each figure on its own: scores 0–100, LCP and TBT in ms, CLS. */
export function medians(runs: Result[]) {
  const audit = (id: string) => median(runs.map((lhr) => lhr.audits[id]?.numericValue ?? NaN));
  const score = (id: string) => median(runs.map((lhr) => Math.round((lhr.categories[id]?.score ?? 0) * 100)));
  const requestCount = (lhr: Result) =>
    (lhr.audits['network-requests']?.details as { items?: unknown[] } | undefined)?.items?.length ?? NaN;
  return {
    scores: CATEGORIES.map(score),
    lcp: audit('largest-contentful-paint'),
    cls: audit('cumulative-layout-shift'),
    tbt: audit('total-blocking-time'),
    requests: median(runs.map(requestCount)),
    // Lighthouse's measure of how fast this machine was during the run (higher is faster).
    cpuIndex: median(runs.map((lhr) => lhr.environment.benchmarkIndex)),
  };
}

/** The audits that cost points (weighted, scored below 1), with in how many runs and what they said. */
export function findings(runs: Result[]): string[] {
  const found = new Map<string, string[]>();
  for (const lhr of runs) {
    for (const category of Object.values(lhr.categories)) {
      for (const { id, weight } of category.auditRefs) {
        const audit = lhr.audits[id];
        if (weight === 0 || !audit || audit.score === null || audit.score >= 1) continue;
        const key = `${category.id}: \`${id}\` ${audit.title.replace(/\.$/, '')}`;
        found.set(key, [...(found.get(key) ?? []), audit.displayValue ?? '']);
      }
    }
  }
  return [...found].map(([key, values]) => {
    const said = values.filter(Boolean).join('; ');
    return `${key}, in ${values.length}/${runs.length} runs${said ? ` (${said})` : ''}`;
  });
}
