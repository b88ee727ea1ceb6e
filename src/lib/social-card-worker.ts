/**
 * A card worker: draws the cards social-card.ts sends it, one at a time, off the build's main
 * thread. Node runs this file from source (type stripping), in its own thread.
 */
import { parentPort } from 'node:worker_threads';
import { drawCard, type Card } from './social-card-draw.ts';

parentPort!.on('message', async ({ id, card }: { id: number; card: Card }) => {
  try {
    parentPort!.postMessage({ id, png: await drawCard(card) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});
