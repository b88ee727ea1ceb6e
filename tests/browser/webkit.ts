/**
 * Debian's WebKitGTK: WebKitWebDriver (classic WebDriver over HTTP) starting MiniBrowser in
 * automation mode, on an Xvfb display of its own. The driver holds one session at a time, so
 * each tab has its own driver and browser (both start in well under a second), and with them
 * its own settings: --dark-mode, --enable-javascript=false, and GTK's animation setting for
 * prefers-reduced-motion. Classic WebDriver reports no console messages and no init scripts, so
 * the test server puts a script of the tab's in front of every page: it records errors in the
 * page and runs the test's own set-up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../free-port';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemPaths } from '../system';
import {
  callSource,
  type Engine,
  input,
  type Key,
  type OpenOptions,
  pageProblemRecorder,
  type ServerControl,
  Tab,
  track,
} from './engines';

/** Room for the tallest viewport a test asks for. */
const SCREEN = { width: 1400, height: 2600 };

/** Starts Xvfb on a free display, which it reports on file descriptor 3. */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = track(
    spawn(
      systemPaths().xvfb(),
      ['-displayfd', '3', '-screen', '0', `${SCREEN.width}x${SCREEN.height}x24`, '-nolisten', 'tcp'],
      {
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      },
    ),
  );
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  return { display, process: xvfb };
}

export async function launchWebKit(control: ServerControl): Promise<Engine> {
  const xvfb = await startXvfb();
  // GTK's settings for MiniBrowser: animations off is WebKit's prefers-reduced-motion: reduce.
  const config = mkdtempSync(path.join(tmpdir(), 'webkit-gtk-'));
  for (const [name, animations] of [
    ['reduce', 0],
    ['motion', 1],
  ] as const) {
    mkdirSync(path.join(config, name, 'gtk-3.0'), { recursive: true });
    writeFileSync(
      path.join(config, name, 'gtk-3.0/settings.ini'),
      `[Settings]\ngtk-enable-animations=${animations}\n`,
    );
  }
  // Tabs a failed test left open, closed with the engine.
  const open = new Set<WebKitTab>();
  return {
    async open(path_, options) {
      const motion = (options.reducedMotion ?? true) ? 'reduce' : 'motion';
      const start = () =>
        WebKitTab.start(control, options, {
          ...process.env,
          DISPLAY: xvfb.display,
          XDG_CONFIG_HOME: path.join(config, motion),
        });
      // MiniBrowser has, rarely, not answered WebDriver's new session within 30 s (once in a full
      // run; the driver is killed then): a second start is a new driver and browser.
      const tab = await start().catch(start);
      open.add(tab);
      tab.driver.once('exit', () => open.delete(tab));
      await tab.goto(path_);
      return tab;
    },
    async close() {
      await Promise.all([...open].map((tab) => tab.close()));
      xvfb.process.kill();
      rmSync(config, { recursive: true, force: true });
    },
  };
}

class WebKitTab extends Tab {
  readonly #failuresBefore: number;

  private constructor(
    readonly control: ServerControl,
    readonly driver: ChildProcess,
    readonly url_: string,
  ) {
    super('webkit', control.base);
    this.#failuresBefore = control.failures.length;
  }

  static async start(
    control: ServerControl,
    options: OpenOptions,
    env: NodeJS.ProcessEnv,
  ): Promise<WebKitTab> {
    const port = await freePort();
    const driver = track(spawn(systemPaths().webkitDriver(), [`--port=${port}`], { stdio: 'ignore', env }));
    const server = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ready = await fetch(`${server}/status`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 100) throw new Error('WebKitWebDriver did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const args = ['--automation', '--full-screen'];
    if (options.colorScheme === 'dark') args.push('--dark-mode');
    if (options.javaScript === false) args.push('--enable-javascript=false');
    const { sessionId } = await command<{ sessionId: string }>(server, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': { binary: systemPaths().miniBrowser(), args },
          // WebDriver's defaults wait five minutes for a page: a hang should fail the test soon.
          timeouts: { script: 15_000, pageLoad: 15_000, implicit: 0 },
        },
      },
    }).catch((error: Error) => {
      driver.kill();
      throw error;
    });
    const tab = new WebKitTab(control, driver, `${server}/session/${sessionId}`);
    control.tabScript =
      options.javaScript === false
        ? null
        : `(${pageProblemRecorder.toString()})();\n${options.init ? `(${options.init.toString()})();` : ''}`;
    // Without a window manager the window under the pointer (at the middle of the screen) has
    // the keyboard focus, and WebKit matches :focus only in a focused window.
    const { width, height } = options.viewport;
    const x = Math.max(0, Math.round((SCREEN.width - width) / 2));
    const y = Math.max(0, Math.round((SCREEN.height - height) / 2));
    await tab.#send('POST', '/window/rect', { x, y, width, height });
    return tab;
  }

  #send<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    return command<T>(this.url_, method, path, body);
  }

  async evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => ${callSource(fn as (arg: never) => unknown, arg)})
        .then((value) => done(JSON.stringify({ value })), (error) => done(JSON.stringify({ error: String(error) })));`;
    const answer = JSON.parse(await this.#send<string>('POST', '/execute/async', { script, args: [] })) as {
      value?: R;
      error?: string;
    };
    if (answer.error) throw new Error(`in the page: ${answer.error}`);
    return answer.value as R;
  }

  async goto(path: string) {
    await this.#send('POST', '/url', { url: new URL(path, this.base).href });
  }
  async reload() {
    await this.#send('POST', '/refresh', {});
  }
  async back() {
    await this.#send('POST', '/back', {});
  }
  protected async clickAt(x: number, y: number) {
    await this.#send('POST', '/actions', { actions: input.pointer('mouse', x, y) });
  }
  /** WebKitGTK has no touch input without a touch screen: a touch action arrives as the mouse. */
  protected async tapAt(x: number, y: number) {
    await this.#send('POST', '/actions', { actions: input.pointer('touch', x, y) });
  }
  async press(key: Key) {
    await this.#send('POST', '/actions', { actions: input.key(key) });
  }
  async type(text: string) {
    await this.#send('POST', '/actions', { actions: input.text(text) });
  }
  protected async png() {
    return Buffer.from(await this.#send<string>('GET', '/screenshot'), 'base64');
  }
  async problems() {
    const inPage = await this.evaluate(
      () => JSON.parse(sessionStorage.getItem('__problems') ?? '[]') as string[],
    );
    return [...inPage, ...this.control.failures.slice(this.#failuresBefore)];
  }
  async close() {
    this.control.tabScript = null;
    await this.#send('DELETE', '').catch(() => {});
    if (this.driver.exitCode !== null) return;
    const exited = new Promise((resolve) => this.driver.once('exit', resolve));
    this.driver.kill();
    await exited;
  }
}

async function command<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  }).catch((error: Error) => {
    throw new Error(`WebDriver ${method} ${path}: ${error.message}`, { cause: error });
  });
  const { value } = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value.error}: ${value.message}`);
  return value;
}
