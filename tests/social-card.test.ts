/**
 * What a social card shows (issue 13): names in Latin Extended, Cyrillic and Arabic script, and
 * emoji, drawn with real glyphs, never as a missing character; a character no font here has
 * drawn as the substitute in its place, and never the title left off (issue 23, finding 9); a
 * 200-character title shrunk to fit; and no two cards alike in a build where two sections share
 * a title or two long titles differ only at the end.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renderCard } from '../src/lib/social-card';
import { astroBuild } from './build';
import { decodePng, isBlank, rows } from './png';
import { random, words, writeStory } from './story-generator';

const work = mkdtempSync(path.join(tmpdir(), 'social-card-'));
beforeAll(() => {
  process.env.CARD_CACHE_DIR = path.join(work, 'card-cache');
});
afterAll(() => {
  delete process.env.CARD_CACHE_DIR;
  rmSync(work, { recursive: true, force: true });
});

const siteName = 'Explainers';
/** U+0378 is unassigned: no font has it, so its card shows what a missing character looks like. */
const MISSING = '\u0378';
const LONG =
  'Why the United States, Russia, China and Pakistan met in Moscow on Afghanistan, and what each ' +
  'of them wanted from the Afghan government and the Taliban before the 1 May deadline for all foreign troops';

describe.each(['Erdoğan', 'Łukashenka', '«Талибан»', 'طالبان', '🤝🌍'])('%s', (name) => {
  it.each(['title', 'context'] as const)(
    'has every letter drawn in the %s, none as a missing glyph',
    async (where) => {
      const card = (text: string) =>
        renderCard(
          where === 'title' ? { title: text, siteName } : { title: 'A card', context: text, siteName },
        );
      const missing = await card(MISSING);
      const letters = [...new Set(name)];
      const drawn = await Promise.all(letters.map(card));
      expect(letters.filter((_, i) => drawn[i]!.equals(missing))).toEqual([]);
    },
  );
});

/** Names and places in each script, or emoji, to put in generated titles. */
const SCRIPTS = {
  emoji: ['🗳️', '🤝', '🇺🇦', '🌍', '👩‍⚖️'],
  CJK: ['東京', '王毅', '山田 太郎', '김민수', '会談'],
  Cyrillic: ['Київ', 'Замир Кабулов', 'Ольга Петренко'],
  'Arabic script': ['بغداد', 'کندهار', 'محمد جواد ظريف'],
};
// Between the kicker (one line) and the footer's rule: where the title is drawn when there is no dek.
const TITLE_REGION = [72, 140, 1128, 630 - 110] as const;

describe.each(Object.entries(SCRIPTS))('a generated title with %s', (script, samples) => {
  const card = { context: 'An explainer', label: 'Section 2 of 9', siteName };

  it.each(['alone', 'between words'])(
    'is drawn, %s: the title region has ink and the name shows',
    async (where) => {
      const r = random(inject('storySeed') + Object.keys(SCRIPTS).indexOf(script));
      const name = r.pick(samples);
      const [before, after] = [words(r, 1, 4), words(r, 1, 4).toLowerCase()];
      const title = where === 'alone' ? name : `${before} ${name} ${after}`;
      const untitled = await renderCard({ ...card, title: '' });
      expect(isBlank(decodePng(untitled), ...TITLE_REGION)).toBe(true);
      const drawn = await renderCard({ ...card, title });
      expect(isBlank(decodePng(drawn), ...TITLE_REGION), title).toBe(false);
      expect(drawn.equals(untitled), title).toBe(false);
      // The name itself is drawn, not left out of a title drawn without it.
      if (where !== 'alone') {
        expect(drawn.equals(await renderCard({ ...card, title: `${before} ${after}` })), title).toBe(false);
      }
    },
  );
});

it('draws each character no font has as the substitute, in its place, and the rest as letters', async () => {
  const card = { context: 'An explainer', label: 'Section 2 of 9', siteName };
  // Each character the fonts lack takes the place of one missing character, whatever it is...
  const substituted = await renderCard({ ...card, title: 'Talks in 東京 and नई' });
  expect(
    substituted.equals(
      await renderCard({ ...card, title: `Talks in ${MISSING.repeat(2)} and ${MISSING.repeat(2)}` }),
    ),
  ).toBe(true);
  // ...and is visible: the card differs from one without them.
  expect(substituted.equals(await renderCard({ ...card, title: 'Talks in and' }))).toBe(false);
  // The letters around them are drawn: changing one changes the card.
  expect(substituted.equals(await renderCard({ ...card, title: 'Talks in 東京 und नई' }))).toBe(false);
  // In the kicker and the dek too.
  const withDek = { ...card, title: 'Talks', dek: 'A meeting in 東京 🤝' };
  expect((await renderCard(withDek)).equals(await renderCard({ ...withDek, dek: 'A meeting in' }))).toBe(
    false,
  );
  const kicker = { ...card, title: 'Talks', context: 'Explainer 東京' };
  expect((await renderCard(kicker)).equals(await renderCard({ ...kicker, context: 'Explainer' }))).toBe(
    false,
  );
});

it('shrinks a 200-character title to fit: footer in place, right margin clear, last word drawn', async () => {
  expect(LONG).toHaveLength(200);
  const card = { context: 'An explainer', label: 'Section 1 of 9', siteName };
  const long = decodePng(await renderCard({ ...card, title: LONG }));
  const short = decodePng(await renderCard({ ...card, title: 'Short' }));
  expect([long.width, long.height]).toEqual([1200, 630]);
  // The rule, the site's name and the label sit where they sit on every card.
  expect(rows(long, 500, 630).equals(rows(short, 500, 630))).toBe(true);
  expect(isBlank(long, 1130, 16, 1200, 630)).toBe(true);
  // The title is drawn to its end: changing its last word changes the card.
  const otherEnd = await renderCard({ ...card, title: LONG.replace(/troops$/, 'forces') });
  expect(Buffer.from(otherEnd).equals(await renderCard({ ...card, title: LONG }))).toBe(false);
});

it('fills the card for a three-word title: kicker, big title and dek span most of the space above the footer', async () => {
  const card = decodePng(
    await renderCard({
      title: 'Talks in Moscow',
      context: 'Explainer',
      dek: 'Four countries met in Moscow and urged the Afghan government and the Taliban to negotiate, weeks before the deadline for foreign troops to leave.',
      label: '18 March 2021',
      siteName,
    }),
  );
  // Between the bar (16 px) and the footer's rule (110 px above the bottom): the rows with ink.
  const [top, bottom] = [16, 630 - 110];
  const paper = card.data.readUInt32BE(((top + 1) * card.width + 1) * 4);
  const inked: number[] = [];
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < card.width; x++) {
      if (card.data.readUInt32BE((y * card.width + x) * 4) !== paper) {
        inked.push(y);
        break;
      }
    }
  }
  const span = (inked.at(-1)! - inked[0]!) / (bottom - top);
  expect(span, `ink from row ${inked[0]} to ${inked.at(-1)}`).toBeGreaterThan(0.7);
  expect(inked.length / (bottom - top), 'rows with ink').toBeGreaterThan(0.45);
});

describe('a build where two sections share a title and two long titles differ only at the end', () => {
  // A generated story of five sections (not the real one, which a newsroom replaces), retitled.
  const story = 'story';
  const content = path.join(work, 'content');
  const out = path.join(work, 'dist');

  /** Sets a section's title in its frontmatter (JSON quoting is valid YAML). */
  function retitle(index: number, title: string) {
    const target = path.join(
      content,
      story,
      'sections',
      readdirSync(path.join(content, story, 'sections')).sort()[index]!,
    );
    const before = readFileSync(target, 'utf8');
    const after = before.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`);
    if (after === before) throw new Error(`no title line in ${target}`);
    writeFileSync(target, after);
  }

  beforeAll(() => {
    const seed = inject('storySeed');
    writeStory(content, story, seed, { sections: 5 });
    retitle(1, 'Why did the talks matter?');
    retitle(2, 'Why did the talks matter?');
    // As long as a section title may be (200 characters, src/lib/content/limits.ts), differing at the end.
    retitle(3, `${LONG.slice(0, 190)}, part 1`);
    retitle(4, `${LONG.slice(0, 190)}, part 2`);
    const { status, output } = astroBuild({
      CONTENT_DIR: content,
      OUT_DIR: out,
      CACHE_DIR: path.join(work, 'astro-cache'),
      CARD_CACHE_DIR: path.join(work, 'card-cache'),
    });
    expect(status, `story seed ${seed}\n${output}`).toBe(0);
  }, 120_000);

  it('gives every card its own bytes', () => {
    const cards = readdirSync(path.join(out, 'og'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.png'),
    );
    // A card for every page that shares one: at least the site's, the story's and its five
    // sections' (its topic pages, if the seed gave it topics, have theirs).
    const shared = new Set(
      readdirSync(out, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.html'))
        .flatMap((f) => [
          ...readFileSync(path.join(out, f), 'utf8').matchAll(
            /property="og:image" content="[^"]*\/og\/([^"]+)"/g,
          ),
        ])
        .map((match) => match[1]),
    );
    expect(cards.length).toBeGreaterThanOrEqual(7);
    expect(cards.length).toBe(shared.size);
    const byHash = new Map<string, string[]>();
    for (const card of cards) {
      const hash = createHash('sha256')
        .update(readFileSync(path.join(out, 'og', card)))
        .digest('hex');
      byHash.set(hash, [...(byHash.get(hash) ?? []), card]);
    }
    expect([...byHash.values()].filter((same) => same.length > 1)).toEqual([]);
  });
});
