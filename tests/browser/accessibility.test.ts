/**
 * Every page at phone and desktop widths: axe-core in both colour schemes, a clean console, no
 * failed request, and nothing wider than the box it is in.
 */
import { describe, expect, it } from 'vitest';
import { pagePaths, VIEWPORTS } from './browser';
import { sleep, useEngine } from './engines';

const session = useEngine();
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * axe reads the DOM and the computed colours, which the engines share but for rendering: Chromium
 * checks every page, the other engines one page of each kind (home, 404, explainer, section,
 * topics, a topic, a person and a term page), which keeps three engines within the time one took.
 */
// An explainer's and a section's paths: any first folder but the listing pages'.
const STORY = '\\/(?!topics\\/|people\\/|terms\\/)[^/]+\\/';
const kinds = [
  /^\/$/,
  /^\/404/,
  new RegExp(`^${STORY}$`),
  new RegExp(`^${STORY}[^/]+\\/$`),
  /^\/topics\/$/,
  /^\/topics\/[^/]+\/$/,
  /^\/people\/[^/]+\/$/,
  /^\/terms\/[^/]+\/$/,
];
const axePages =
  session.name === 'chromium' ? pagePaths : kinds.map((kind) => pagePaths.find((path) => kind.test(path))!);

const cases = (['phone', 'desktop'] as const).flatMap((size) =>
  (['light', 'dark'] as const).map((colorScheme) => ({ size, colorScheme })),
);

describe('accessibility', () => {
  it.each(cases)(
    '$size width, $colorScheme: no axe violations',
    async ({ size, colorScheme }) => {
      const tab = await session.open('/', { viewport: VIEWPORTS[size], colorScheme });
      const violations: string[] = [];
      for (const path of axePages) {
        await tab.goto(path);
        // On a phone the timeline is folded away; open it so its contrast is checked too.
        if (size === 'phone' && (await tab.visible('timeline-spy summary')))
          await tab.click('timeline-spy summary');
        // axe-core, served by the test server: the page's CSP allows its own scripts only.
        const found = await tab.evaluate(async (tags) => {
          if (!('axe' in window)) {
            await new Promise((resolve, reject) => {
              const script = Object.assign(document.createElement('script'), { src: '/__axe.js' });
              script.addEventListener('load', resolve);
              script.addEventListener('error', reject);
              document.head.append(script);
            });
          }
          const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
          return result.violations.map(
            (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
          );
        }, WCAG);
        violations.push(...found.map((v) => `${path}: ${v}`));
      }
      expect(violations).toEqual([]);
      await tab.close();
      // Time for every page: their number grows with the stories in the test build.
    },
    30_000 + 10_000 * axePages.length,
  );
});

describe('every page, read to the end', () => {
  it.each(['phone', 'desktop'] as const)(
    'at %s width: no console errors, no failed requests, nothing wider than its box',
    async (size) => {
      const tab = await session.open('/', { viewport: VIEWPORTS[size] });
      const problems: string[] = [];
      for (const path of pagePaths) {
        const before = (await tab.problems()).length;
        await tab.goto(path);
        if (await tab.visible('timeline-spy summary')) await tab.click('timeline-spy summary');
        const overflows = await tab.evaluate(() => {
          const found: string[] = [];
          const name = (el: Element) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].slice(0, 3).join('.')}`;
          const { scrollWidth, clientWidth } = document.documentElement;
          if (scrollWidth > clientWidth) found.push(`the page: ${scrollWidth} px wide in ${clientWidth}`);
          // A focus ring reaches this far outside its element (global.css :focus-visible).
          const probe = document.querySelector<HTMLElement>('main a[href]');
          probe?.focus({ focusVisible: true } as FocusOptions);
          const measured = probe
            ? parseFloat(getComputedStyle(probe).outlineWidth) +
              parseFloat(getComputedStyle(probe).outlineOffset)
            : 0;
          // (An engine that did not take the focus as visible draws no ring: assume 3 + 2 px.)
          const ring = measured > 0 ? measured : 5;
          probe?.blur();
          for (const box of document.querySelectorAll<HTMLElement>('body *')) {
            const style = getComputedStyle(box);
            // Boxes that clip or scroll what is inside them; visually hidden text and the
            // tables that scroll sideways on purpose aside.
            if (style.overflowX === 'visible' || box.matches('.sr-only, .table-scroll')) continue;
            if (box.scrollWidth > box.clientWidth) {
              found.push(`${name(box)}: content ${box.scrollWidth} px wide in ${box.clientWidth}`);
            }
            const inner = box.getBoundingClientRect().left + box.clientLeft;
            for (const control of box.querySelectorAll('a[href], button, summary')) {
              const { left, right } = control.getBoundingClientRect();
              if (right === left) continue;
              if (left - ring < inner - 0.5 || right + ring > inner + box.clientWidth + 0.5) {
                found.push(`${name(control)}: focus ring cut by ${name(box)}`);
              }
            }
          }
          return [...new Set(found)];
        });
        problems.push(...overflows.map((o) => `${path}: ${o}`));
        await tab.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await sleep(150);
        problems.push(...(await tab.problems()).slice(before).map((p) => `${path}: ${p}`));
      }
      expect(problems).toEqual([]);
      await tab.close();
    },
  );
});
