/** Debian's Chromium through playwright-core (Chrome DevTools Protocol), behind engines.ts's Tab. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { systemPaths } from '../system';
import { type Engine, type Key, type OpenOptions, type ServerControl, Tab } from './engines';

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: systemPaths().chromium(),
    // Without these Chromium keeps trying to reach Google's servers, which this network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function launchChromiumEngine(control: ServerControl): Promise<Engine> {
  const browser = await launchChromium();
  return {
    async open(path, options) {
      const context = await newContext(browser, options);
      if (options.init) await context.addInitScript(options.init);
      const tab = new ChromiumTab(control, await context.newPage());
      await tab.goto(path);
      return tab;
    },
    close: () => browser.close(),
  };
}

function newContext(browser: Browser, options: OpenOptions): Promise<BrowserContext> {
  return browser.newContext({
    viewport: options.viewport,
    colorScheme: options.colorScheme ?? 'light',
    javaScriptEnabled: options.javaScript ?? true,
    reducedMotion: (options.reducedMotion ?? true) ? 'reduce' : 'no-preference',
    hasTouch: options.touch ?? false,
    isMobile: options.touch ?? false,
  });
}

class ChromiumTab extends Tab {
  readonly #problems: string[] = [];
  readonly #failuresBefore: number;

  constructor(
    readonly control: ServerControl,
    /** The playwright page, for what only Chromium can do (the clipboard). */
    readonly page: Page,
  ) {
    super('chromium', control.base);
    this.#failuresBefore = control.failures.length;
    page.on('console', (message) => {
      if (message.type() === 'error') this.#problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.#problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      // A load cut short by the next navigation is no failure.
      const error = request.failure()?.errorText ?? '';
      if (!error.includes('ABORTED')) this.#problems.push(`failed request: ${request.url()} (${error})`);
    });
  }

  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate<R, A>(fn as never, arg as A);
  }
  async goto(path: string) {
    await this.page.goto(new URL(path, this.base).href);
  }
  async reload() {
    await this.page.reload();
  }
  async back() {
    await this.page.goBack();
  }
  protected clickAt(x: number, y: number) {
    return this.page.mouse.click(x, y);
  }
  protected tapAt(x: number, y: number) {
    return this.page.touchscreen.tap(x, y);
  }
  press(key: Key) {
    return this.page.keyboard.press(key);
  }
  type(text: string) {
    return this.page.keyboard.type(text);
  }
  protected png() {
    return this.page.screenshot();
  }
  async problems() {
    return [...this.#problems, ...this.control.failures.slice(this.#failuresBefore)];
  }
  close() {
    return this.page.context().close();
  }
}
