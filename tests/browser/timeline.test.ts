/** The timeline beside the story: clicking events, the highlight following the reader, the address bar. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtSite } from '../build';
import { publishedExplainers, readSections } from '../content';
import { attr, findAll, parseDocument } from '../html';
import {
  currentSections,
  EXPLAINERS,
  features,
  readingLine,
  readingSection,
  sectionSlugs,
  storiesWith,
  storyWith,
  VIEWPORTS,
} from './browser';
import { sleep, type Tab, useEngine } from './engines';

const session = useEngine();
/**
 * How long the highlight may take to follow a scroll: it moves on the next animation frame,
 * which a browser sharing a busy machine (CI runs four side by side) may give well after the
 * page has stopped scrolling.
 */
const SETTLED = 3_000;
/** The built page of the explainer at `explainerPath` ("/id/"), parsed. */
const builtPage = (explainerPath: string) =>
  parseDocument(readFileSync(path.join(builtSite, explainerPath, 'index.html'), 'utf8'));
/** A page several screens tall, where any section can be scrolled to the top but the last few. */
const tallStory = storyWith({ sections: 6, paragraphs: 3 });

/** Is the heading of `slug` wholly inside the viewport, and the topmost thing at its centre? */
function headingInView(tab: Tab, slug: string) {
  return tab.evaluate((id) => {
    const heading = document.getElementById(`${id}-title`)!;
    const box = heading.getBoundingClientRect();
    const atCentre = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      top: box.top,
      bottom: box.bottom,
      height: innerHeight,
      uncovered: atCentre !== null && heading.contains(atCentre),
    };
  }, slug);
}

/**
 * Scrolls so the section's top sits `offset` pixels below the top of the viewport, as a reader
 * dragging the scrollbar would (no wheel, key or touch events). Returns false when that lands
 * at the very bottom of the page, where the last section is current.
 */
async function scrollSectionTo(tab: Tab, slug: string, offset: number): Promise<boolean> {
  const wanted = await tab.evaluate(
    ([id, offset]) => {
      const top = document.getElementById(id)!.getBoundingClientRect().top + scrollY - offset;
      window.scrollTo(0, top);
      return Math.round(top);
    },
    [slug, offset] as const,
  );
  await tab.settle();
  await sleep(50);
  const { y, bottom } = await tab.evaluate(() => ({
    y: scrollY,
    bottom: innerHeight + scrollY >= document.documentElement.scrollHeight - 2,
  }));
  // (Engines round a fractional scroll position differently: Firefox 140 by up to 1.2 px.)
  return Math.abs(y - wanted) <= 2 && !bottom;
}

/** What should be highlighted while reading a section: its events, if it has any. */
const expectedFor = async (tab: Tab, slug: string | null) =>
  slug !== null &&
  (await tab.evaluate(
    (slug) => document.querySelectorAll(`timeline-spy a[data-section="${slug}"]`).length,
    slug,
  )) > 0
    ? [slug]
    : [];

/** A section near the middle of the story with events in the timeline. */
const middleSectionWithEvents = (tab: Tab) =>
  tab.evaluate(() => {
    const withEvents = [...document.querySelectorAll('section[data-story-section]')]
      .map((s) => s.id)
      .filter((id) => document.querySelector(`timeline-spy a[data-section="${id}"]`));
    return withEvents[Math.floor(withEvents.length / 2)]!;
  });

describe.each(EXPLAINERS)('%s: clicking a timeline event', (_, explainerPath) => {
  it.each(['desktop', 'phone'] as const)(
    'on %s scrolls to its section with the heading fully visible',
    async (size) => {
      // Smooth scrolling on, as most readers have it.
      const phone = size === 'phone';
      const tab = await session.open(explainerPath, {
        viewport: VIEWPORTS[size],
        reducedMotion: false,
        touch: phone,
      });
      if (phone) await tab.tap('timeline-spy summary');
      const slug = await middleSectionWithEvents(tab);
      await tab.click(`timeline-spy a[data-section="${slug}"]`);
      await tab.waitFor((slug) => location.hash === `#${slug}`, slug);
      // A smooth scroll on a busy machine can pause long enough to look settled (Firefox 140
      // did, 26 px short): the heading must come wholly into view and stay uncovered.
      await expect
        .poll(() => headingInView(tab, slug), { timeout: SETTLED })
        .toSatisfy(({ top, bottom, height, uncovered }) => top >= 0 && bottom <= height && uncovered);
      await tab.settle();
      const view = await headingInView(tab, slug);
      expect(view.top).toBeGreaterThanOrEqual(0);
      expect(view.bottom).toBeLessThanOrEqual(view.height);
      expect(view.uncovered).toBe(true);
      await expect.poll(() => currentSections(tab), { timeout: SETTLED }).toEqual([slug]);
      await tab.close();
    },
  );

  // WebKit has no scrollend event: the jump must still end when the reader leaves by the
  // scrollbar, which sends nothing but scroll events.
  it('lets go of the section once the reader scrolls away by the scrollbar', async () => {
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    const slugs = await sectionSlugs(tab);
    const slug = await middleSectionWithEvents(tab);
    await tab.click(`timeline-spy a[data-section="${slug}"]`);
    await tab.waitFor((slug) => location.hash === `#${slug}`, slug);
    await tab.settle();
    // A reader takes a moment before moving on; without scrollend (WebKit) the page can only
    // tell that the jump's own scroll has ended after a pause.
    await sleep(300);
    // Back up to the first section, then down past the jump's target (where the page is long
    // enough to bring it to the top).
    for (const away of [slugs[0]!, slugs[slugs.indexOf(slug) + 1]].filter((s) => s !== undefined)) {
      if (!(await scrollSectionTo(tab, away, 10))) continue;
      await sleep(200);
      // With `away` at the top, a later section is the one read when `away` is short.
      // Past the end of a short last section (in the change log or sources) none is read.
      const reading = await readingSection(tab);
      await expect
        .poll(() => currentSections(tab), {
          message: `${away} ${JSON.stringify(await features(tab))}`,
          timeout: SETTLED,
        })
        .toEqual(reading ? await expectedFor(tab, reading) : []);
      expect(await tab.evaluate(() => location.hash)).toBe(reading ? `#${reading}` : '');
    }
    await tab.close();
  });
});

it('among the explainers, some sections have events and some have none: the tests see both', () => {
  const sections = publishedExplainers().flatMap((e) =>
    e.sections.map((s) => e.events.some((ev) => ev.section === s.slug)),
  );
  expect(sections).toContain(true);
  expect(sections).toContain(false);
});

describe.each(EXPLAINERS)('%s: the highlight follows the reader', (_, explainerPath) => {
  it.each(Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])(
    'at %s size, section by section and between headings',
    async (size) => {
      const tab = await session.open(explainerPath, { viewport: VIEWPORTS[size] });
      const slugs = await sectionSlugs(tab);
      await expect.poll(() => currentSections(tab), { timeout: SETTLED }).toEqual([]);
      const expected = await Promise.all(slugs.map((slug) => expectedFor(tab, slug)));
      expect(expected.flat().length).toBeGreaterThan(0);
      for (const [i, slug] of slugs.entries()) {
        // A short story's last sections cannot reach the top: at the very bottom of a page that
        // has scrolled, the reading line is at the bottom of the screen; a page too short to
        // scroll at all stays as it was at the top.
        if (!(await scrollSectionTo(tab, slug, 10))) {
          const scrolled = await tab.evaluate(() => scrollY > 0);
          const reading = await readingSection(tab);
          await expect
            .poll(() => currentSections(tab), {
              message: `${slug} at the bottom of the page`,
              timeout: SETTLED,
            })
            .toEqual(scrolled && reading ? await expectedFor(tab, reading) : []);
          break;
        }
        // The section at the top is the one read, unless it ends above the reading line (a short
        // section, or any near the end of the page, where the line slides down) and the next has
        // passed the line too.
        const reading = await readingSection(tab);
        const tall = await tab.evaluate(
          ([id, line]) => document.getElementById(id)!.getBoundingClientRect().bottom > line,
          [slug, await readingLine(tab)] as const,
        );
        if (tall) expect(reading).toBe(slug);
        await expect
          .poll(() => currentSections(tab), { message: `heading of ${slug} at the top`, timeout: SETTLED })
          .toEqual(reading === slug ? expected[i] : await expectedFor(tab, reading));
        // Reading the middle of the section (its heading scrolled away when the section is
        // long): still the same section.
        const middle = await tab.evaluate(
          (id) => innerHeight / 3 - document.getElementById(id)!.getBoundingClientRect().height / 2,
          slug,
        );
        if (!(await scrollSectionTo(tab, slug, middle))) break;
        await expect
          .poll(() => currentSections(tab), { message: `inside ${slug}`, timeout: SETTLED })
          .toEqual(await expectedFor(tab, await readingSection(tab)));
      }
      await tab.close();
    },
  );
});

describe('with the keyboard in the timeline', () => {
  it('keeps the focused event in view while the highlight moves', async () => {
    const tab = await session.open(tallStory, { viewport: VIEWPORTS.desktop });
    const scrolls = await tab.evaluate(() => {
      const box = document.querySelector<HTMLElement>('[data-timeline-scroll]')!;
      return box.scrollHeight > box.clientHeight;
    });
    expect(scrolls, 'the timeline scrolls in its box').toBe(true);
    const slugs = await sectionSlugs(tab);
    // The last event has the keyboard; the reader then scrolls the page to the first section.
    await tab.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('timeline-spy a[data-section]')].at(-1)!.focus(),
    );
    await scrollSectionTo(tab, slugs[0]!, 10);
    await expect
      .poll(() => currentSections(tab), { timeout: SETTLED })
      .toEqual(await expectedFor(tab, slugs[0]!));
    const inBox = await tab.evaluate(() => {
      const box = document.querySelector<HTMLElement>('[data-timeline-scroll]')!.getBoundingClientRect();
      const link = document.activeElement!.getBoundingClientRect();
      return link.top >= box.top - 1 && link.bottom <= box.bottom + 1;
    });
    expect(inBox, 'the focused event is still in the timeline’s view').toBe(true);
    await tab.close();
  });
});

describe('past the story', () => {
  const explainerPath = storyWith({ people: 1, terms: 1 });

  it('highlights nothing past the story, in the who’s who, glossary and sources', async () => {
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    const slugs = await sectionSlugs(tab);
    await scrollSectionTo(tab, slugs.at(-1)!, 10);
    await expect
      .poll(() => currentSections(tab), { timeout: SETTLED })
      .toEqual(await expectedFor(tab, slugs.at(-1)!));
    const after = await tab.evaluate(() =>
      [...document.querySelectorAll('article > section:not([data-story-section])')].map((s) => s.id),
    );
    expect(after).toEqual(expect.arrayContaining(['whos-who', 'glossary']));
    for (const target of after.filter(Boolean)) {
      await scrollSectionTo(tab, target, 10);
      await expect.poll(() => currentSections(tab), { message: target, timeout: SETTLED }).toEqual([]);
      expect(await tab.evaluate(() => location.hash)).toBe('');
    }
    await tab.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await tab.settle();
    await sleep(50);
    await expect.poll(() => currentSections(tab), { timeout: SETTLED }).toEqual([]);
    await tab.close();
  });
});

describe.each(EXPLAINERS)('%s: on load with a fragment', (id, explainerPath) => {
  const page = parseDocument(readFileSync(path.join(builtSite, id, 'index.html'), 'utf8'));
  // On a tall screen the page stops before the last sections reach the top, yet the section
  // the reader asked for is the one highlighted.
  const lastSections = findAll(page, (el) => attr(el, 'data-story-section') !== undefined)
    .map((el) => attr(el, 'id')!)
    .filter((slug) => findAll(page, (el) => attr(el, 'data-section') === slug).length > 0)
    .slice(-3);

  it.each(lastSections)('is right on load with #%s and after a reload', async (slug) => {
    const tab = await session.open(`${explainerPath}#${slug}`, { viewport: { width: 1280, height: 2400 } });
    await tab.settle();
    await sleep(50);
    await expect.poll(() => currentSections(tab), { timeout: SETTLED }).toEqual([slug]);
    await tab.reload();
    await tab.settle();
    await sleep(50);
    await expect.poll(() => currentSections(tab), { timeout: SETTLED }).toEqual([slug]);
    await tab.close();
  });

  // A busy browser may scroll to the fragment well after the page has loaded (Chromium has,
  // under load): the section asked for is still the one highlighted once it gets there.
  it.each(lastSections)('is right with #%s when the browser scrolls to it late', async (slug) => {
    const tab = await session.open(explainerPath, { viewport: { width: 1280, height: 2400 } });
    await tab.settle();
    await tab.evaluate((id) => {
      const newURL = new URL(`#${id}`, location.href).href;
      dispatchEvent(new HashChangeEvent('hashchange', { oldURL: location.href, newURL }));
    }, slug);
    await sleep(400);
    await tab.evaluate((id) => document.getElementById(id)!.scrollIntoView(), slug);
    await tab.settle();
    await sleep(50);
    await expect.poll(() => currentSections(tab), { timeout: SETTLED }).toEqual([slug]);
    await tab.close();
  });
});

describe('a story of short sections with little after them', () => {
  const explainerPath = storyWith({ shortSections: true, changes: false });

  // On a tall screen several short sections, the last ones, never reach a line a third of the
  // way down before the page ends: each must still be read on the way down (issue 20, finding 2).
  // The tall screen is the page's own height less 600 px, so the page scrolls, by less than a
  // screen (a screen taller than the page would have nothing to scroll).
  const tall = async () => {
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    const height = await tab.evaluate(() => document.documentElement.scrollHeight);
    await tab.close();
    expect(height).toBeGreaterThan(VIEWPORTS.desktop.height + 600);
    return { width: VIEWPORTS.desktop.width, height: height - 600 };
  };
  const sizes = { phone: async () => VIEWPORTS.phone, desktop: async () => VIEWPORTS.desktop, tall };
  it.each(Object.keys(sizes) as (keyof typeof sizes)[])(
    'on a %s screen, scrolled to the end a little at a time, highlights every section in turn, the last included',
    async (size) => {
      const tab = await session.open(explainerPath, { viewport: await sizes[size]() });
      const slugs = await sectionSlugs(tab);
      // Scrolled from inside the page, 20 px at a time, three frames apart (the highlight moves
      // on the next frame), in batches short enough for a script timeout: the sections read on
      // the way, by the address bar (every section, with events or not) and by the highlight
      // (that section's events, if any).
      const read: { hash: string; highlighted: string[]; events: string[] }[] = [];
      for (let from = 0, done = false; !done; from += 20 * 25) {
        const batch = await tab.evaluate(async (from) => {
          const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
          const sectionsOf = (selector: string) => [
            ...new Set(
              [...document.querySelectorAll<HTMLElement>(selector)].map((a) => a.dataset.section ?? ''),
            ),
          ];
          const end = document.documentElement.scrollHeight - document.documentElement.clientHeight;
          const seen: { hash: string; highlighted: string[]; events: string[] }[] = [];
          for (let y = from; y < from + 20 * 25; y += 20) {
            scrollTo(0, Math.min(y, end));
            for (let i = 0; i < 3; i++) await frame();
            const hash = decodeURIComponent(location.hash.slice(1));
            if (hash && seen.at(-1)?.hash !== hash)
              seen.push({
                hash,
                highlighted: sectionsOf('timeline-spy a[aria-current="true"]'),
                events: sectionsOf(`timeline-spy a[data-section="${CSS.escape(hash)}"]`),
              });
            if (y >= end) return { seen, done: true };
          }
          return { seen, done: false };
        }, from);
        for (const entry of batch.seen) if (read.at(-1)?.hash !== entry.hash) read.push(entry);
        done = batch.done;
      }
      expect(read.map((r) => r.hash)).toEqual(slugs);
      for (const { hash, highlighted, events } of read) expect(highlighted, hash).toEqual(events);
      await tab.close();
    },
  );
});

describe('arriving with a malformed fragment', () => {
  it('ignores it: no error, and the highlight follows the reader from there', async () => {
    const tab = await session.open(`${tallStory}#%`, { viewport: VIEWPORTS.desktop });
    await tab.settle();
    const slugs = await sectionSlugs(tab);
    const target = slugs[1]!;
    expect(await scrollSectionTo(tab, target, 10)).toBe(true);
    await expect
      .poll(() => currentSections(tab), { timeout: SETTLED })
      .toEqual(await expectedFor(tab, target));
    expect(await tab.problems()).toEqual([]);
    await tab.close();
  });
});

describe('arriving at a footnote', () => {
  // Footnotes in every section, of two or more: one in the second section or later, so the
  // answer is not simply the first section.
  const explainerPath = storyWith({ footnotes: true, sections: 2 });
  const footnote = findAll(
    builtPage(explainerPath),
    (el) => /-fn-\d+$/.test(attr(el, 'id') ?? '') && el.tagName === 'li',
  )
    .map((el) => attr(el, 'id')!)
    .find((id) => !id.startsWith(readSections(explainerPath.slice(1, -1))[0]!.slug))!;

  it('highlights the section it is in and keeps the footnote in the address bar', async () => {
    expect(footnote, 'a footnote past the first section').toBeTruthy();
    const tab = await session.open(`${explainerPath}#${footnote}`, { viewport: VIEWPORTS.desktop });
    await tab.settle();
    await sleep(50);
    const section = await tab.evaluate(
      (id) => document.getElementById(id)!.closest('section[data-story-section]')!.id,
      footnote,
    );
    await expect
      .poll(() => currentSections(tab), { timeout: SETTLED })
      .toEqual(await expectedFor(tab, section));
    expect((await tab.url()).hash).toBe(`#${footnote}`);
    const top = await tab.evaluate(
      (id) => document.getElementById(id)!.getBoundingClientRect().top,
      footnote,
    );
    // Scrolled to whole pixels, a footnote at a fractional offset may sit a fraction above the top.
    expect(top).toBeGreaterThanOrEqual(-1);
    expect(top).toBeLessThan(VIEWPORTS.desktop.height);
    await tab.close();
  });
});

// Every generated story with a renamed section: a tall one and a short one (issue 20's story A).
describe.each(storiesWith({ renamed: true }))(
  'arriving by a renamed section’s old link in %s',
  (explainerPath) => {
    const alias = findAll(builtPage(explainerPath), (el) => attr(el, 'data-slug-alias') !== undefined)[0];
    const old = alias && attr(alias, 'id')!;
    const slug = alias && attr(alias.parentNode as typeof alias, 'id')!;

    it('the old #fragment lands on the section and highlights it', async () => {
      expect(old, 'the story has a renamed section').toBeTruthy();
      const tab = await session.open(`${explainerPath}#${old}`, { viewport: VIEWPORTS.desktop });
      await tab.settle();
      await sleep(50);
      await expect
        .poll(() => currentSections(tab), { timeout: SETTLED })
        .toEqual(await expectedFor(tab, slug!));
      const view = await headingInView(tab, slug!);
      expect(view.top).toBeGreaterThanOrEqual(0);
      expect(view.bottom).toBeLessThanOrEqual(view.height);
      await tab.close();
    });

    it('the old section page sends the reader to the new one', async () => {
      const tab = await session.open(`${explainerPath}${old}/`, { viewport: VIEWPORTS.desktop });
      await tab.waitFor((want) => location.pathname === want, `${explainerPath}${slug}/`);
      await tab.waitFor((slug) => document.getElementById(`${slug}-title`), slug);
      await tab.close();
    });
  },
);

describe('the address bar', () => {
  const explainerPath = tallStory;

  // Chromium fetches the page's icon again on every change of its URL, replaceState included,
  // unless its cached copy is still fresh: the fingerprinted icon under /_astro/ is.
  it('follows the reader without fetching the site icon again', async () => {
    const icons = () => session.served().filter((pathname) => /favicon/.test(pathname)).length;
    const before = icons();
    const tab = await session.open(explainerPath, { viewport: VIEWPORTS.desktop });
    // Only what scrolling fetches is counted. First the page's own fetch, which comes after its
    // load (up to 3 s; WebKit's MiniBrowser makes none), then a second with none: a tab an earlier
    // test closed may still have one on its way (a CI run under load counted two in Firefox 140).
    let loaded = icons();
    for (let quiet = 0, waited = 0; waited < 6_000; waited += 50) {
      if (quiet >= 1_000 && (loaded > before || waited >= 3_000)) break;
      await sleep(50);
      quiet = icons() === loaded ? quiet + 50 : 0;
      loaded = icons();
    }
    const slugs = await sectionSlugs(tab);
    for (const slug of slugs.slice(0, -1)) {
      await scrollSectionTo(tab, slug, 10);
      expect((await tab.url()).hash).toBe(`#${slug}`);
    }
    await sleep(200);
    expect(icons() - loaded, 'site icon fetches while the address followed the reader').toBe(0);
    await tab.close();
  });

  it('follows the section with replaceState, so Back leaves the page', async () => {
    const tab = await session.open('/', { viewport: VIEWPORTS.desktop });
    await tab.click(`a[href="${explainerPath}"]`);
    await tab.waitFor(
      (path) => location.pathname === path && document.readyState === 'complete',
      explainerPath,
    );
    const lengthOnArrival = await tab.evaluate(() => history.length);
    const slugs = await sectionSlugs(tab);
    for (const slug of slugs) {
      await scrollSectionTo(tab, slug, 10);
      if (slug !== slugs.at(-1)) expect((await tab.url()).hash).toBe(`#${slug}`);
    }
    await tab.click(`timeline-spy a[data-section="${slugs[1]}"]`);
    await tab.settle();
    expect((await tab.url()).hash).toBe(`#${slugs[1]}`);
    await tab.evaluate(() => window.scrollTo(0, 0));
    await tab.settle();
    await sleep(100);
    expect((await tab.url()).hash).toBe('');
    // Only the click on an event is a navigation the reader made; scrolling added nothing.
    expect(await tab.evaluate(() => history.length)).toBeLessThanOrEqual(lengthOnArrival + 1);
    // Back undoes the click on the event, then leaves the page.
    const trail: string[] = [];
    for (let i = 0; i < 3 && (await tab.url()).pathname === explainerPath; i++) {
      await tab.back();
      await sleep(100);
      trail.push((await tab.url()).href);
    }
    expect((await tab.url()).pathname, trail.join(' -> ')).toBe('/');
    expect(trail.length).toBeLessThanOrEqual(2);
    await tab.close();
  });
});
