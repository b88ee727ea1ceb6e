/** axe-core on every page, at phone and desktop widths, in both colour schemes; and a clean console. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { pagePaths, useBrowser, VIEWPORTS } from './browser';

const session = useBrowser();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const cases = pagePaths.flatMap((path) =>
  (['phone', 'desktop'] as const).flatMap((size) =>
    (['light', 'dark'] as const).map((colorScheme) => ({ path, size, colorScheme })),
  ),
);

describe('accessibility', () => {
  it.each(cases)(
    '$path at $size width, $colorScheme: no axe violations',
    async ({ path, size, colorScheme }) => {
      // axe is injected as an inline script, which the page's own CSP rightly refuses.
      const { page } = await session.open(path, { viewport: VIEWPORTS[size], colorScheme, bypassCSP: true });
      // On a phone the timeline is folded away; open it so its contrast is checked too.
      if (size === 'phone' && (await page.locator('timeline-spy summary').count())) {
        await page.locator('timeline-spy summary').click();
      }
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async (tags) => {
        const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return result.violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
        );
      }, WCAG);
      expect(violations).toEqual([]);
      await page.context().close();
    },
  );
});

describe('no console errors and no failed requests', () => {
  it.each(pagePaths)('%s', async (path) => {
    const { page, problems } = await session.open(path, { viewport: VIEWPORTS.desktop });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(200);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
