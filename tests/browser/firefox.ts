/**
 * Debian's Firefox ESR (the current one, and 140 from the archive) over WebDriver BiDi, the W3C
 * protocol Firefox speaks itself: no geckodriver. puppeteer-core also speaks it, but sends
 * commands ESR 140 does not know (screen orientation with every viewport change); the few
 * commands needed here fit in this file. Colour scheme and motion are preferences fixed when
 * Firefox starts, so there is one Firefox per combination the tests ask for; each tab is a user
 * context of its own. Firefox cannot evaluate scripts in a page with JavaScript off, so "off" is
 * a Content-Security-Policy that blocks every script of the page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemPaths } from '../system';
import {
  callSource,
  type Engine,
  type EngineName,
  input,
  type Key,
  type OpenOptions,
  type ServerControl,
  Tab,
  track,
} from './engines';

type Params = Record<string, unknown>;
type Listener = (method: string, params: Params) => void;

/** A WebDriver BiDi connection: commands answered by id, events to listeners. */
class BiDi {
  #id = 0;
  readonly #pending = new Map<number, { resolve: (v: Params) => void; reject: (e: Error) => void }>();
  readonly listeners = new Set<Listener>();

  constructor(readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as {
        id?: number;
        type: string;
        method?: string;
        params?: Params;
        result?: Params;
        error?: string;
        message?: string;
      };
      if (message.id === undefined) {
        for (const listener of this.listeners) listener(message.method!, message.params!);
        return;
      }
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.type === 'error') pending?.reject(new Error(`${message.error}: ${message.message}`));
      else pending?.resolve(message.result!);
    });
  }

  send<T = Params>(method: string, params: Params = {}): Promise<T> {
    const id = ++this.#id;
    return new Promise((resolve, reject) => {
      // An answer that never comes should fail the test soon, naming the command.
      const timer = setTimeout(() => this.#pending.get(id)?.reject(new Error('no answer in 30 s')), 30_000);
      this.#pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.#pending.delete(id);
          reject(new Error(`${method}: ${error.message}`));
        },
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}

interface Firefox {
  bidi: BiDi;
  process: ChildProcess;
  profile: string;
}

/** Starts Firefox headless with these preferences and opens a BiDi session with it. */
async function startFirefox(
  executable: string,
  prefs: Record<string, string | number | boolean>,
): Promise<Firefox> {
  const profile = mkdtempSync(path.join(tmpdir(), 'firefox-profile-'));
  const all = {
    // Firefox's remote agent applies its recommended test preferences itself; these keep it
    // from reaching for the network at start (which halves the time to a session here).
    'app.normandy.api_url': '',
    'app.update.disabledForTesting': true,
    'browser.newtabpage.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.search.update': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage': 'about:blank',
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.startup.page': 0,
    'browser.translations.automaticallyPopup': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.update.enabled': false,
    'media.gmp-manager.updateEnabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    ...prefs,
  };
  writeFileSync(
    path.join(profile, 'user.js'),
    Object.entries(all)
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`)
      .join(''),
  );
  const child = track(
    spawn(executable, ['--headless', '--no-remote', '--remote-debugging-port=0', '--profile', profile], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
    }),
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk;
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`Firefox exited (${code}) before listening:\n${log}`)));
  });
  const socket = new WebSocket(`${endpoint}/session`);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', () => reject(new Error(`cannot connect to ${endpoint}`)));
  });
  const bidi = new BiDi(socket);
  await bidi.send('session.new', { capabilities: {} });
  await bidi.send('session.subscribe', {
    events: ['log.entryAdded', 'network.fetchError'],
  });
  return { bidi, process: child, profile };
}

async function stopFirefox({ bidi, process: child, profile }: Firefox) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await Promise.race([bidi.send('browser.close').catch(() => {}), exited]);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  rmSync(profile, { recursive: true, force: true });
}

export async function launchFirefox(name: EngineName, control: ServerControl): Promise<Engine> {
  const executable = name === 'firefox-esr-140' ? systemPaths().firefox140() : systemPaths().firefox();
  // One Firefox per set of preferences, started when first asked for.
  const running = new Map<string, Promise<Firefox>>();
  const firefoxFor = (options: OpenOptions) => {
    const dark = options.colorScheme === 'dark';
    const reduce = options.reducedMotion ?? true;
    const key = `${dark}-${reduce}`;
    if (!running.has(key)) {
      running.set(
        key,
        startFirefox(executable, {
          'ui.systemUsesDarkTheme': dark ? 1 : 0,
          'ui.prefersReducedMotion': reduce ? 1 : 0,
        }),
      );
    }
    return running.get(key)!;
  };
  // The light, reduced-motion one most tests use, started with the engine.
  await firefoxFor({ viewport: { width: 0, height: 0 } });
  return {
    async open(path, options) {
      const { bidi } = await firefoxFor(options);
      const { userContext } = await bidi.send<{ userContext: string }>('browser.createUserContext');
      const { context } = await bidi.send<{ context: string }>('browsingContext.create', {
        type: 'tab',
        userContext,
      });
      await bidi.send('browsingContext.setViewport', { context, viewport: options.viewport });
      if (options.init && options.javaScript !== false) {
        await bidi.send('script.addPreloadScript', {
          functionDeclaration: options.init.toString(),
          userContexts: [userContext],
        });
      }
      const tab = new FirefoxTab(name, control, bidi, context, userContext, options.javaScript === false);
      await tab.goto(path);
      return tab;
    },
    async close() {
      await Promise.all([...running.values()].map(async (firefox) => stopFirefox(await firefox)));
    },
  };
}

class FirefoxTab extends Tab {
  readonly #problems: string[] = [];
  readonly #failuresBefore: number;
  readonly #listener: Listener;

  constructor(
    engine: EngineName,
    readonly control: ServerControl,
    readonly bidi: BiDi,
    readonly context: string,
    readonly userContext: string,
    readonly scriptsBlocked: boolean,
  ) {
    super(engine, control.base);
    this.#failuresBefore = control.failures.length;
    this.#listener = (method, params) => {
      const source = params.source as { context?: string } | undefined;
      if ((source?.context ?? params.context) !== context) return;
      if (method === 'log.entryAdded' && params.level === 'error') {
        // The policy that stands for JavaScript off reports every script it blocks.
        if (scriptsBlocked && String(params.text).startsWith('Content-Security-Policy')) return;
        this.#problems.push(
          `${params.type === 'console' ? 'console error' : 'page error'}: ${String(params.text)}`,
        );
      }
      // (The test server reports the 4xx and 5xx answers of every engine alike.)
      const request = (params.request as { url: string } | undefined)?.url;
      // A load cut short by the next navigation is no failure.
      if (method === 'network.fetchError' && !String(params.errorText).includes('ABORTED')) {
        this.#problems.push(`failed request: ${request} (${String(params.errorText)})`);
      }
    };
    bidi.listeners.add(this.#listener);
  }

  async evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const { result, exceptionDetails } = await this.bidi.send<{
      result?: { type: string; value?: string };
      exceptionDetails?: { text: string };
    }>('script.callFunction', {
      functionDeclaration: `async () => JSON.stringify(await ${callSource(fn as (arg: never) => unknown, arg)})`,
      target: { context: this.context },
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.text}`);
    return result?.type === 'string' ? (JSON.parse(result.value!) as R) : (undefined as R);
  }

  async goto(path: string) {
    this.control.blockScripts = this.scriptsBlocked;
    await this.bidi.send('browsingContext.navigate', {
      context: this.context,
      url: new URL(path, this.base).href,
      wait: 'complete',
    });
  }
  async reload() {
    await this.bidi.send('browsingContext.reload', { context: this.context, wait: 'complete' });
  }
  async back() {
    await this.bidi.send('browsingContext.traverseHistory', { context: this.context, delta: -1 });
    await this.waitFor(() => document.readyState === 'complete');
  }
  protected async clickAt(x: number, y: number) {
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: input.pointer('mouse', x, y),
    });
  }
  protected async tapAt(x: number, y: number) {
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: input.pointer('touch', x, y),
    });
  }
  async press(key: Key) {
    await this.bidi.send('input.performActions', { context: this.context, actions: input.key(key) });
  }
  async type(text: string) {
    await this.bidi.send('input.performActions', { context: this.context, actions: input.text(text) });
  }
  protected async png() {
    const { data } = await this.bidi.send<{ data: string }>('browsingContext.captureScreenshot', {
      context: this.context,
    });
    return Buffer.from(data, 'base64');
  }
  async problems() {
    return [...this.#problems, ...this.control.failures.slice(this.#failuresBefore)];
  }
  async close() {
    this.bidi.listeners.delete(this.#listener);
    this.control.blockScripts = false;
    await this.bidi.send('browser.removeUserContext', { userContext: this.userContext });
  }
}
