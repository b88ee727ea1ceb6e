/**
 * Render cost on a throttled phone: each page loaded in Chromium at 390×844 with the CPU slowed
 * 4× and the network held to 150 ms and 1.6 Mbit/s (applied throttling, through the DevTools
 * protocol), a trace recorded, and the main thread's work read off it with Lighthouse's own trace
 * model (the same tasks and groups as its main-thread breakdown). Each page is measured beside
 * its floor page (floor-page.ts), the two alternating run by run, each run in a fresh browser
 * context; the figures are medians.
 */
import os from 'node:os';
import type { Browser } from 'playwright-core';
import { MainThreadTasks } from 'lighthouse/core/lib/tracehouse/main-thread-tasks.js';
import { TraceProcessor } from 'lighthouse/core/lib/tracehouse/trace-processor.js';

export const PHONE = { width: 390, height: 844, deviceScaleFactor: 2.625 };
export const THROTTLING = { cpu: 4, latencyMs: 150, downloadKbps: 1_600, uploadKbps: 750 };
/** How long the page is left to settle after the load event, before the trace stops. */
const SETTLE_MS = 1_500;

// Lighthouse's own trace categories (core/gather/gatherers/trace.js), less screenshots.
const CATEGORIES = [
  '-*',
  'disabled-by-default-lighthouse',
  'loading',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'latencyInfo',
];

/** Milliseconds of main-thread time by kind of work. */
export interface Parts {
  style: number;
  layout: number;
  script: number;
  paint: number;
  parse: number;
  /** Garbage collection, navigation and whatever else Lighthouse files under "other". */
  other: number;
}

/** One page load: the main thread's time, wall clock and CPU, and the paint timings. */
export interface LoadCost {
  /** Wall-clock time, as the throttled phone spends it: what Lighthouse reports. */
  wall: Parts;
  /**
   * The same tasks' CPU time (trace events' thread durations). Throttling pauses the thread
   * rather than keeping it busy, and a busy machine delays it without charging it, so this is
   * about a quarter of the wall time on a quiet machine and moves far less with the load.
   */
  cpu: Parts;
  fcp: number;
  lcp: number;
  /** Elements in the document once it has loaded. */
  elements: number;
  /** The 1-minute load average when the run ended. */
  load: number;
}

/** The figure the targets are judged by: style, layout, script and paint together. */
export const work = (p: Parts) => p.style + p.layout + p.script + p.paint;

// Trace event names of the style half of Lighthouse's "Style & Layout" group.
const STYLE_EVENTS = new Set(['UpdateLayoutTree', 'RecalculateStyles', 'ScheduleStyleRecalculation']);

type Task = ReturnType<typeof MainThreadTasks.getMainThreadTasks>[number];

/** A task's thread (CPU) time in ms, from its trace event(s); 0 where the trace has none. */
function threadTime(task: Task): number {
  // Thread times are in Chromium's trace events, though not in Lighthouse's type for them.
  type Timed = { tdur?: number; tts?: number };
  const { event, endEvent } = task as unknown as { event: Timed; endEvent?: Timed };
  if (event.tdur !== undefined) return event.tdur / 1000;
  if (endEvent?.tts !== undefined && event.tts !== undefined) return (endEvent.tts - event.tts) / 1000;
  return 0;
}

function partOf(task: Task): keyof Parts {
  const group = task.group.id;
  if (group === 'styleLayout') return STYLE_EVENTS.has(task.event.name) ? 'style' : 'layout';
  if (group === 'scriptEvaluation' || group === 'scriptParseCompile') return 'script';
  if (group === 'paintCompositeRender') return 'paint';
  if (group === 'parseHTML') return 'parse';
  return 'other';
}

/** Sums the main thread's self time by kind of work, from navigation start to the end of the trace. */
export function costOf(trace: { traceEvents: unknown[] }): Pick<LoadCost, 'wall' | 'cpu' | 'fcp' | 'lcp'> {
  const processed = TraceProcessor.processTrace(trace as never);
  const navigation = TraceProcessor.processNavigation(processed);
  const tasks = MainThreadTasks.getMainThreadTasks(
    processed.mainThreadEvents,
    processed.frames,
    processed.timestamps.traceEnd,
    processed.timestamps.timeOrigin,
  );
  const zero = (): Parts => ({ style: 0, layout: 0, script: 0, paint: 0, parse: 0, other: 0 });
  const wall = zero();
  const cpu = zero();
  for (const task of tasks) {
    if (task.startTime < 0) continue; // the blank page before navigation
    const part = partOf(task);
    wall[part] += task.selfTime;
    const children = task.children.reduce((sum, child) => sum + threadTime(child), 0);
    cpu[part] += Math.max(0, threadTime(task) - children);
  }
  const { firstContentfulPaint, largestContentfulPaint } = navigation.timings;
  return { wall, cpu, fcp: firstContentfulPaint ?? NaN, lcp: largestContentfulPaint ?? NaN };
}

/** One load of `url` on a throttled phone, in a fresh context. */
export async function measureLoad(browser: Browser, url: string, throttling = THROTTLING): Promise<LoadCost> {
  const context = await browser.newContext({
    viewport: { width: PHONE.width, height: PHONE.height },
    deviceScaleFactor: PHONE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttling.cpu });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: throttling.latencyMs,
      downloadThroughput: (throttling.downloadKbps * 1000) / 8,
      uploadThroughput: (throttling.uploadKbps * 1000) / 8,
    });
    await browser.startTracing(page, { categories: CATEGORIES, screenshots: false });
    let traced: Buffer | undefined;
    try {
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      await page.waitForTimeout(SETTLE_MS);
    } finally {
      traced = await browser.stopTracing();
    }
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    return { ...costOf(JSON.parse(traced.toString('utf8'))), elements, load: os.loadavg()[0]! };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The median of a figure computed from each run (a sum of medians is not the median of sums). */
export const medianOf = (runs: LoadCost[], figure: (run: LoadCost) => number) => median(runs.map(figure));

export interface RenderRow {
  page: string;
  real: LoadCost[];
  floor: LoadCost[];
}

/**
 * `runs` loads of each page and of its floor page, alternating (real, floor, floor, real, ...),
 * so that a change in the machine's load falls on both alike.
 */
export async function measureRenderCost(
  browser: Browser,
  baseUrl: string,
  pages: { page: string; floor: string }[],
  runs: number,
  progress: (line: string) => void = () => {},
): Promise<RenderRow[]> {
  const rows: RenderRow[] = [];
  for (const { page, floor } of pages) {
    const row: RenderRow = { page, real: [], floor: [] };
    rows.push(row);
    for (let i = 0; i < runs; i++) {
      progress(`Render cost ${page} run ${i + 1}/${runs}`);
      const order = i % 2 ? (['floor', 'real'] as const) : (['real', 'floor'] as const);
      for (const kind of order) {
        row[kind].push(await measureLoad(browser, `${baseUrl}${kind === 'real' ? page : floor}`));
      }
    }
  }
  return rows;
}
