/**
 * Draws one social card (1200x630 PNG): satori lays out the text with real fonts into SVG,
 * resvg turns it into PNG. Nothing depends on the clock or the machine, so the same card gives
 * the same bytes. It runs in the card workers (social-card-worker.ts), which Node loads from
 * source as it is, so its imports name their .ts files; pages call social-card.ts.
 */
import { Resvg } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import satori from 'satori';
import { CARD_HEIGHT, CARD_WIDTH } from './social.ts';

export interface Card {
  /** The biggest line: the section name, or the explainer's title. */
  title: string;
  /** A smaller line above it (the kicker): the explainer a section belongs to, or "Explainer". */
  context?: string;
  /** Under the title, as much as fits: the explainer's dek or the section's summary. */
  dek?: string;
  /** Bottom right, e.g. "Section 3 of 9": tells apart cards whose titles read alike. */
  label?: string;
  siteName: string;
}

/**
 * The font files, from npm. Each face comes in Unicode subsets; satori tries the families named
 * in fontFamily, then every other font in this order, so a name like Erdoğan, Łukashenka or
 * «Талибан» finds its letters in the same design. Arabic script (Arabic, Persian, Pashto, Urdu)
 * falls back to Vazirmatn: Noto Naskh Arabic, Noto Sans Arabic, Amiri and IBM Plex Sans Arabic put
 * their dots and vowel marks on as marks, which satori 0.63 draws in the wrong place. Emoji come
 * last, from Noto Emoji (one colour, drawn in the text's ink), read only for a card whose text the
 * other fonts lack. No font here covers Chinese, Japanese, Korean or the Indic scripts (Noto Sans
 * SC alone is a 73 MB package): their letters are drawn as SUBSTITUTE.
 */
const SUBSETS = ['latin', 'latin-ext', 'vietnamese', 'greek', 'cyrillic', 'cyrillic-ext'];
const EMOJI_SUBSETS = ['emoji', ...Array.from({ length: 11 }, (_, i) => String(i))];
export const FONT_FILES = [
  ...SUBSETS.map((subset) => ({
    name: `serif-${subset}`,
    file: `source-serif-4/files/source-serif-4-${subset}-700-normal.woff`,
  })),
  ...SUBSETS.map((subset) => ({
    name: `sans-${subset}`,
    file: `inter/files/inter-${subset}-700-normal.woff`,
  })),
  { name: 'arabic', file: 'vazirmatn/files/vazirmatn-arabic-700-normal.woff' },
  ...EMOJI_SUBSETS.map((subset) => ({
    name: `emoji-${subset}`,
    file: `noto-emoji/files/noto-emoji-${subset}-700-normal.woff`,
    fallback: true,
  })),
];
const family = (prefix: string) => [...SUBSETS.map((subset) => `${prefix}-${subset}`), 'arabic'].join(', ');
const SERIF = family('serif');
const SANS = family('sans');

// Resolve from the project root, where npm installed the fonts.
const requireFromRoot = createRequire(path.join(process.cwd(), 'package.json'));
type Fonts = Parameters<typeof satori>[1]['fonts'];
const fontSets = new Map<boolean, Fonts>();
/**
 * The fonts, with the fallback ones or without, each read once and always the same array: satori
 * keeps its parsed fonts per array.
 */
function loadFonts(withFallback: boolean): Fonts {
  let fonts = fontSets.get(withFallback);
  if (!fonts) {
    fonts = FONT_FILES.filter((font) => withFallback || !('fallback' in font)).map(({ name, file }) => ({
      name,
      data: readFileSync(requireFromRoot.resolve(`@fontsource/${file}`)),
      weight: 700 as const,
      style: 'normal' as const,
    }));
    fontSets.set(withFallback, fonts);
  }
  return fonts;
}

const INK = '#1d1c1a';
const PAPER = '#fbfaf7';
const ACCENT = '#9a3412';
const MUTED = '#55524c';
const RULE = '#d9d5cc';

/**
 * What a character no font here has is drawn as, one em wide: an outlined box in the muted grey,
 * so that the text keeps its place and length and the card shows that something is there. Not the
 * fonts' own missing-glyph box, which differs from font to font.
 */
const SUBSTITUTE = `data:image/svg+xml,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect x="14" y="12" width="72" height="76" rx="6" fill="none" stroke="${MUTED}" stroke-width="7"/></svg>`,
)}`;

const PAD_X = 72;
const TEXT_WIDTH = CARD_WIDTH - 2 * PAD_X;
const BAR = 16;
const PAD_TOP = 56;
const GAP = 24;
const FOOTER = { rule: 2, above: 24, size: 30, lineHeight: 1.2, below: 48 };
const FOOTER_HEIGHT = FOOTER.rule + FOOTER.above + FOOTER.size * FOOTER.lineHeight + FOOTER.below;
const CONTEXT = { fontFamily: SANS, fontSize: 34, lineHeight: 1.25, lines: 2 };
const DEK = { fontFamily: SANS, fontSize: 36, lineHeight: 1.3 };
/**
 * Title sizes, largest first: a long title steps down until it fits, and is cut at the last. A
 * short title takes the big sizes, so that a three-word card is not two thirds empty.
 */
const TITLE_SIZES = [144, 128, 112, 96, 84, 72, 64, 56, 48];
const TITLE_LINE_HEIGHT = 1.1;

type Style = Record<string, unknown>;
type Node = { type: string; props: { style?: Style; children?: unknown } };
const div = (style: Style, children: unknown): Node => ({ type: 'div', props: { style, children } });

// Hebrew, Arabic, Syriac, Thaana, N'Ko... and their presentation forms.
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const LTR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/;
/** Like dir="auto": the first strong letter decides which side a line starts from. */
const direction = (text: string) => {
  for (const char of text) {
    if (RTL.test(char)) return 'rtl';
    if (LTR.test(char)) return 'ltr';
  }
  return 'ltr';
};

const textStyle = (text: string, style: Style): Style => ({
  display: 'block',
  width: TEXT_WIDTH,
  fontWeight: 700,
  overflowWrap: 'break-word',
  direction: direction(text),
  ...style,
});

/** The title's size, at the smallest size the lines it is cut to, and the dek's lines. */
interface TitleFit {
  size: number;
  lines?: number;
  dekLines: number;
}

/** The card as satori's element tree, at least 630 px high: taller means it did not fit. */
function cardTree({ title, context, dek, label, siteName }: Card, fit: TitleFit): Node {
  const footerText = { fontFamily: SANS, fontSize: FOOTER.size, lineHeight: FOOTER.lineHeight };
  return div(
    {
      width: CARD_WIDTH,
      minHeight: CARD_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      background: PAPER,
      color: INK,
    },
    [
      div({ display: 'flex', height: BAR, background: ACCENT }, ''),
      div(
        {
          display: 'flex',
          flexDirection: 'column',
          flexGrow: 1,
          padding: `${PAD_TOP}px ${PAD_X}px ${GAP}px`,
          gap: GAP,
        },
        [
          context
            ? div(textStyle(context, { ...CONTEXT, color: ACCENT, lineClamp: CONTEXT.lines }), context)
            : null,
          title
            ? div(
                textStyle(title, {
                  fontFamily: SERIF,
                  fontSize: fit.size,
                  lineHeight: TITLE_LINE_HEIGHT,
                  ...(fit.lines && { lineClamp: fit.lines }),
                }),
                title,
              )
            : null,
          dek && fit.dekLines > 0
            ? div(textStyle(dek, { ...DEK, color: MUTED, lineClamp: fit.dekLines }), dek)
            : null,
        ].filter(Boolean),
      ),
      div(
        {
          display: 'flex',
          justifyContent: 'space-between',
          margin: `0 ${PAD_X}px`,
          padding: `${FOOTER.above}px 0 ${FOOTER.below}px`,
          borderTop: `${FOOTER.rule}px solid ${RULE}`,
          fontWeight: 700,
          color: MUTED,
        },
        [
          div({ ...footerText, letterSpacing: 3 }, siteName.toUpperCase()),
          label ? div(footerText, label) : null,
        ].filter(Boolean),
      ),
    ],
  );
}

/** How the text is drawn: which fonts, and the characters drawn as SUBSTITUTE. */
interface Drawing {
  fonts: Fonts;
  substitutes: Record<string, string>;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Lays the card out (satori, to SVG) with its height left free, which tells whether it fits, and
 * says which characters (graphemes) none of the fonts can draw: satori asks loadAdditionalAsset
 * for them, and draws them as the font's missing-glyph box unless they have an image.
 */
async function layout(
  card: Card,
  fit: TitleFit,
  { fonts, substitutes }: Drawing,
): Promise<{ svg: string; fits: boolean; missing: string[] }> {
  const missing = new Set<string>();
  const svg = await satori(cardTree(card, fit) as never, {
    width: CARD_WIDTH,
    fonts,
    graphemeImages: substitutes,
    loadAdditionalAsset: async (_language, text) => {
      for (const { segment } of graphemes.segment(text)) if (!substitutes[segment]) missing.add(segment);
      return [];
    },
  });
  return { svg, fits: Number(/height="([\d.]+)"/.exec(svg)![1]) <= CARD_HEIGHT, missing: [...missing] };
}

/**
 * The title sizes to try, largest first, with a dek of three lines, then two; then without the
 * dek; then the smallest size, cut to fewer and fewer lines.
 */
function* titleFits(hasContext: boolean, hasDek: boolean): Generator<TitleFit> {
  if (hasDek) for (const size of TITLE_SIZES) for (const dekLines of [3, 2]) yield { size, dekLines };
  for (const size of TITLE_SIZES) yield { size, dekLines: 0 };
  const size = TITLE_SIZES.at(-1)!;
  const chrome =
    BAR + PAD_TOP + GAP + FOOTER_HEIGHT + (hasContext ? CONTEXT.fontSize * CONTEXT.lineHeight + GAP : 0);
  for (let lines = Math.floor((CARD_HEIGHT - chrome) / (size * TITLE_LINE_HEIGHT)); lines > 0; lines--) {
    yield { size, lines, dekLines: 0 };
  }
}

/** The card with fn applied to each of its lines of text. */
const mapText = (card: Card, fn: (text: string) => string): Card => ({
  ...card,
  title: fn(card.title),
  siteName: fn(card.siteName),
  ...(card.context !== undefined && { context: fn(card.context) }),
  ...(card.dek !== undefined && { dek: fn(card.dek) }),
  ...(card.label !== undefined && { label: fn(card.label) }),
});

/**
 * Puts a zero-width space between each of these characters and a space after it: satori draws a
 * space in the font of the character before it, and a space in Noto Emoji is about an em wide.
 */
function spaceAfter(text: string, characters: Set<string>): string {
  let spaced = '';
  let before = '';
  for (const { segment } of graphemes.segment(text)) {
    spaced += (characters.has(before) && /^\s/.test(segment) ? '\u200b' : '') + segment;
    before = segment;
  }
  return spaced;
}

/**
 * Draws a card to PNG bytes. The title takes the largest size at which the card fits, and is
 * cut with an ellipsis at the smallest. Each character the fonts lack falls back on its own: to
 * Noto Emoji, then to SUBSTITUTE; no text is ever left off.
 */
export async function drawCard(input: Card): Promise<Buffer> {
  // U+FE0F asks for an emoji in colour, which satori then looks for only as an image: the card
  // draws its emoji in one colour, from the font.
  let card = mapText(input, (text) => text.replaceAll('\uFE0F', ''));
  const drawing: Drawing = { fonts: loadFonts(false), substitutes: {} };
  for (const fit of titleFits(Boolean(card.context), Boolean(card.dek))) {
    let drawn = await layout(card, fit, drawing);
    if (drawn.missing.length && drawing.fonts === loadFonts(false)) {
      const lacking = new Set(drawn.missing);
      card = mapText(card, (text) => spaceAfter(text, lacking));
      drawing.fonts = loadFonts(true);
      drawn = await layout(card, fit, drawing);
    }
    if (drawn.missing.length) {
      for (const grapheme of drawn.missing) drawing.substitutes[grapheme] = SUBSTITUTE;
      drawn = await layout(card, fit, drawing);
    }
    if (drawn.fits) return drawPng(drawn.svg, { fitTo: { mode: 'original' } });
  }
  throw new Error(`social card "${input.title}" does not fit even with one line of title`);
}

/**
 * SVG to PNG. satori draws text as paths, so resvg needs no fonts: without loadSystemFonts it
 * skips scanning the machine's fonts, which cost about as much as drawing the card.
 */
export function drawPng(svg: string, options: ConstructorParameters<typeof Resvg>[1]): Buffer {
  return new Resvg(svg, { ...options, font: { loadSystemFonts: false } }).render().asPng();
}
