/**
 * One driver layer for the browser tests, whichever engine runs them: Chromium (Debian's, over
 * playwright-core), Firefox ESR (Debian's current and 140, over WebDriver BiDi) and WebKit
 * (WebKitGTK's MiniBrowser, over classic WebDriver under Xvfb). A test file asks for a page at a
 * viewport, colour scheme, with or without JavaScript, by mouse or by touch, and reads it back
 * through `evaluate`; it never sees which protocol is underneath. Vitest runs the browser test
 * files once per engine (the projects in vitest.config.ts), so each file is written once.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { serveStatic } from '../../scripts/serve-static';
import { builtSite, root } from '../build';

/** The engines vitest.config.ts runs the browser tests in (`--project <engine>` picks one). */
export type EngineName = 'chromium' | 'firefox' | 'firefox-esr-140' | 'webkit';

declare module 'vitest' {
  export interface ProvidedContext {
    engine: EngineName;
  }
}

export interface OpenOptions {
  viewport: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** false: the page's scripts never run (default true). */
  javaScript?: boolean;
  /** A touch screen: taps are touches where the engine can make them (default false). */
  touch?: boolean;
  /** prefers-reduced-motion: reduce, so scrolling is instant (default true). */
  reducedMotion?: boolean;
  /** Runs in every page of the tab before the page's own scripts. */
  init?: () => void;
}

export type Key = 'Tab' | 'Enter' | 'Escape' | 'Space';

/** A box on screen, in CSS pixels relative to the viewport. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One page in its own browser context (cookies, storage, history of its own). */
export abstract class Tab {
  constructor(
    readonly engine: EngineName,
    readonly base: string,
  ) {}

  /** Runs `fn(arg)` in the page and returns its JSON-serialisable result. */
  abstract evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  abstract goto(path: string): Promise<void>;
  abstract reload(): Promise<void>;
  abstract back(): Promise<void>;
  protected abstract clickAt(x: number, y: number): Promise<void>;
  protected abstract tapAt(x: number, y: number): Promise<void>;
  abstract press(key: Key): Promise<void>;
  /** Types `text` into whatever has focus, a key press per character, as a keyboard does. */
  abstract type(text: string): Promise<void>;
  protected abstract png(): Promise<Buffer>;
  /** Console errors, uncaught exceptions and failed requests since the tab opened. */
  abstract problems(): Promise<string[]>;
  abstract close(): Promise<void>;

  async url(): Promise<URL> {
    return new URL(await this.evaluate(() => location.href));
  }

  /** Clicks the middle of the first line box of the index-th match, scrolling it into view. */
  async click(selector: string, index = 0): Promise<void> {
    const { x, y } = await this.#pointAt(selector, index);
    await this.clickAt(x, y);
  }

  /** A finger's tap on the index-th match (a click where the engine has no touch input). */
  async tap(selector: string, index = 0): Promise<void> {
    const { x, y } = await this.#pointAt(selector, index);
    await this.tapAt(x, y);
  }

  /**
   * A finger's tap on the page's left margin, beside whatever is open: "elsewhere" for a popover,
   * which may cover the middle of any element (Firefox 140, without anchor positioning, places a
   * definition in the middle of the screen).
   */
  async tapMargin(): Promise<void> {
    const y = await this.evaluate(() => Math.round(innerHeight / 2));
    await this.tapAt(4, y);
  }

  /** The index-th match's box, or null when there is none or it is not rendered. */
  box(selector: string, index = 0): Promise<Box | null> {
    return this.evaluate(
      ([selector, index]) => {
        const el = document.querySelectorAll(selector)[index];
        if (!el || !el.checkVisibility({ visibilityProperty: true })) return null;
        const { x, y, width, height } = el.getBoundingClientRect();
        return { x, y, width, height };
      },
      [selector, index] as const,
    );
  }

  /** Whether the index-th match is rendered (not hidden, not in a closed disclosure or popover). */
  async visible(selector: string, index = 0): Promise<boolean> {
    const box = await this.box(selector, index);
    return box !== null && box.width > 0 && box.height > 0;
  }

  /** Polls `fn(arg)` in the page until it returns something truthy; a navigation in between is fine. */
  async waitFor<R, A = undefined>(fn: (arg: A) => R, arg?: A, timeout = 5_000): Promise<NonNullable<R>> {
    const end = Date.now() + timeout;
    let last: unknown;
    for (;;) {
      try {
        const value = await this.evaluate(fn, arg as A);
        if (value) return value as NonNullable<R>;
        last = value;
      } catch (error) {
        last = error;
      }
      if (Date.now() > end) throw new Error(`waitFor timed out after ${timeout} ms (last: ${String(last)})`);
      await sleep(50);
    }
  }

  /**
   * Waits until the page has stopped scrolling (smooth scrolling and layout included), watching
   * from outside: timers and frames do not run in a page with JavaScript off.
   */
  async settle(): Promise<void> {
    let last = -1;
    for (let still = 0; still < 3;) {
      await sleep(30);
      const y = await this.evaluate(() => scrollY);
      still = y === last ? still + 1 : 0;
      last = y;
    }
  }

  /** Saves a screenshot of the viewport to tests/.tmp/screenshots/<engine>/<name>.png. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(root, 'tests/.tmp/screenshots', this.engine, `${name}.png`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await this.png());
    return file;
  }

  async #pointAt(selector: string, index: number): Promise<{ x: number; y: number }> {
    const where = () =>
      this.evaluate(
        ([selector, index]) => {
          const el = document.querySelectorAll(selector)[index];
          if (!el) return null;
          const box = el.getClientRects()[0] ?? el.getBoundingClientRect();
          const middle = box.top + box.height / 2;
          if (middle < 0 || middle > innerHeight || box.left < 0 || box.right > innerWidth) {
            el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
            return 'scrolled' as const;
          }
          return { x: Math.round(box.left + box.width / 2), y: Math.round(box.top + box.height / 2) };
        },
        [selector, index] as const,
      );
    let point = await where();
    if (point === 'scrolled') {
      // Input right after a scroll can land where the element was (WebKit scrolls apart from layout).
      await this.settle();
      point = await where();
    }
    if (!point || point === 'scrolled') throw new Error(`No element ${selector} (#${index}) to click`);
    return point;
  }
}

/** The browsers, drivers and displays the engines start: ended with the test process, whatever ends it. */
const children = new Set<ChildProcess>();
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Engine {
  open(path: string, options: OpenOptions): Promise<Tab>;
  close(): Promise<void>;
}

/** What an engine may ask of the test server while its tab is open. */
export interface ServerControl {
  base: string;
  /** Serve pages with a CSP that blocks every script: JavaScript off, where the engine cannot turn it off. */
  blockScripts: boolean;
  /** Add <script src="/__tab.js"> as the first thing in every page, with this source. */
  tabScript: string | null;
  /** Every 4xx and 5xx the server gave, as "HTTP 404: /favicon.ico". */
  failures: string[];
}

/** Which engine this run of the file is for (vitest.config.ts's projects provide it). */
export const engineName: EngineName = inject('engine');

/** Starts the test server and the engine for one test file, and stops both after it. */
export function useEngine(): {
  name: EngineName;
  base: () => string;
  open: Engine['open'];
  /** Every path the server has answered for this file's tests, in order. */
  served: () => string[];
} {
  let server: Server;
  let engine: Engine;
  const control: ServerControl = { base: '', blockScripts: false, tabScript: null, failures: [] };
  const served: string[] = [];
  beforeAll(async () => {
    const started = await serveStatic(builtSite, {
      onResponse: (status, pathname) => {
        served.push(pathname);
        if (status >= 400) control.failures.push(`HTTP ${status}: ${pathname}`);
      },
      pageHeaders: (): Record<string, string> =>
        control.blockScripts ? { 'content-security-policy': "script-src 'none'" } : {},
      rewritePage: (html) =>
        control.tabScript ? html.replace('<head>', '<head><script src="/__tab.js"></script>') : html,
      extra: (pathname) => {
        if (pathname === '/__tab.js' && control.tabScript !== null) {
          return { type: 'text/javascript', body: control.tabScript };
        }
        // axe-core for the accessibility tests, added to a page as one of its own scripts.
        if (pathname === '/__axe.js') return { type: 'text/javascript', body: axeSource() };
        return undefined;
      },
    });
    server = started.server;
    control.base = started.url;
    engine = await launch(engineName, control);
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
    await new Promise((resolve) => server?.close(resolve));
  });
  return {
    name: engineName,
    base: () => control.base,
    open: (path, options) => engine.open(path, options),
    served: () => [...served],
  };
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function launch(name: EngineName, control: ServerControl): Promise<Engine> {
  if (name === 'chromium') return (await import('./chromium')).launchChromiumEngine(control);
  if (name === 'webkit') return (await import('./webkit')).launchWebKit(control);
  return (await import('./firefox')).launchFirefox(name, control);
}

/** The source of `fn(arg)` as one expression; `__name` covers helpers a transpiler may add. */
export function callSource(fn: (arg: never) => unknown, arg: unknown): string {
  return `((__name) => (${fn.toString()})(${JSON.stringify(arg)}))((f) => f)`;
}

/** Pointer and key input in the WebDriver shape, shared by BiDi and classic WebDriver. */
export const input = {
  pointer: (type: 'mouse' | 'touch', x: number, y: number) => [
    {
      type: 'pointer',
      id: type,
      parameters: { pointerType: type },
      actions: [
        { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ],
    },
  ],
  /** Each character of `text` pressed and released in turn. */
  text: (text: string) => [
    {
      type: 'key',
      id: 'keyboard',
      actions: [...text].flatMap((value) => [
        { type: 'keyDown', value },
        { type: 'keyUp', value },
      ]),
    },
  ],
  key: (key: Key) => {
    const value = { Tab: '\uE004', Enter: '\uE007', Escape: '\uE00C', Space: ' ' }[key];
    return [
      {
        type: 'key',
        id: 'keyboard',
        actions: [
          { type: 'keyDown', value },
          { type: 'keyUp', value },
        ],
      },
    ];
  },
};

/** Records console errors and uncaught exceptions inside the page, where no protocol reports them. */
export function pageProblemRecorder() {
  const record = (problem: string) => {
    const all = JSON.parse(sessionStorage.getItem('__problems') ?? '[]') as string[];
    sessionStorage.setItem('__problems', JSON.stringify([...all, problem]));
  };
  addEventListener(
    'error',
    (event: Event) => {
      if (event instanceof ErrorEvent) record(`page error: ${event.message}`);
      else {
        const target = event.target as HTMLImageElement | HTMLLinkElement | null;
        record(`failed to load: ${target && 'src' in target ? target.src : (target?.href ?? '?')}`);
      }
    },
    true,
  );
  addEventListener('unhandledrejection', (event) => record(`unhandled rejection: ${String(event.reason)}`));
  document.addEventListener('securitypolicyviolation', (event) =>
    record(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
  );
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    record(`console error: ${args.map(String).join(' ')}`);
    error(...args);
  };
}
