/** Social cards for the build: the drawing is in social-card-draw.ts. */
import { drawCard, drawPng, type Card } from './social-card-draw.ts';

export type { Card };

/** The PNG of one card. */
export const renderCard = (card: Card): Promise<Buffer> => drawCard(card);

/** Renders an SVG file (the favicon) to a square PNG, for the apple-touch-icon. */
export function renderSquarePng(svg: string, size: number): Buffer {
  return drawPng(svg, { fitTo: { mode: 'width', value: size } });
}
