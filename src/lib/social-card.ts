/**
 * Social card images (1200x630 PNG) drawn at build time: satori lays out the text with real
 * fonts into SVG, resvg turns it into PNG. Nothing depends on the clock or the machine, so the
 * same text gives the same bytes.
 */
import { Resvg } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import satori from 'satori';
import { CARD_HEIGHT, CARD_WIDTH } from './social';

export interface Card {
  /** The biggest line: the section name, or the explainer's title. */
  title: string;
  /** A smaller line above it: the explainer a section belongs to, or the dek. */
  context?: string;
  siteName: string;
}

// Resolve from the project root: inside Astro's build this module runs from a bundled chunk.
const requireFromRoot = createRequire(path.join(process.cwd(), 'package.json'));
const font = (file: string) => readFileSync(requireFromRoot.resolve(`@fontsource/${file}`));
const fonts = [
  { name: 'Serif', data: font('source-serif-4/files/source-serif-4-latin-700-normal.woff'), weight: 700 },
  { name: 'Sans', data: font('inter/files/inter-latin-400-normal.woff'), weight: 400 },
  { name: 'Sans', data: font('inter/files/inter-latin-700-normal.woff'), weight: 700 },
] as const;

const INK = '#1d1c1a';
const PAPER = '#fbfaf7';
const ACCENT = '#9a3412';
const MUTED = '#55524c';
const RULE = '#d9d5cc';

type Node = { type: string; props: { style?: Record<string, unknown>; children?: unknown } };
const div = (style: Record<string, unknown>, children: unknown): Node => ({
  type: 'div',
  props: { style, children },
});

/** Long titles step down in size so they stay on three lines and legible in a thumbnail. */
const titleSize = (title: string) => (title.length > 70 ? 64 : title.length > 40 ? 76 : 96);

export async function renderCard({ title, context, siteName }: Card): Promise<Buffer> {
  const tree = div(
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      background: PAPER,
      color: INK,
    },
    [
      div({ display: 'flex', height: 16, background: ACCENT }, ''),
      div(
        { display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '56px 72px 0', gap: 24 },
        [
          context
            ? div(
                { fontFamily: 'Sans', fontSize: 34, fontWeight: 700, color: ACCENT, lineHeight: 1.25 },
                context,
              )
            : null,
          div({ fontFamily: 'Serif', fontSize: titleSize(title), fontWeight: 700, lineHeight: 1.1 }, title),
        ].filter(Boolean),
      ),
      div(
        {
          display: 'flex',
          margin: '0 72px',
          padding: '24px 0 48px',
          borderTop: `2px solid ${RULE}`,
          fontFamily: 'Sans',
          fontSize: 30,
          fontWeight: 700,
          letterSpacing: 3,
          color: MUTED,
        },
        siteName.toUpperCase(),
      ),
    ],
  );
  // satori's types want React elements; the plain object form is what it reads.
  const svg = await satori(tree as unknown as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: fonts.map((f) => ({ ...f, style: 'normal' as const })),
  });
  return new Resvg(svg, { fitTo: { mode: 'original' } }).render().asPng();
}

/** Renders an SVG file (the favicon) to a square PNG, for the apple-touch-icon. */
export function renderSquarePng(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}
