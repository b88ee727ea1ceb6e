import type { Chart } from '../explainers';

export interface Bar {
  label: string;
  /** "more than 18%", "46%", "less than 36%". */
  valueLabel: string;
  /** Start and width in per cent of the bar. */
  x: number;
  width: number;
  /** Colour role: the parts in order, then the rest in a neutral tone. */
  tone: 'first' | 'second' | 'third' | 'rest';
}

const TONES = ['first', 'second', 'third'] as const;

/**
 * The bars of a share-of-a-whole chart, laid end to end. When a part is "more than" its
 * value, what is left over is "less than" the remainder.
 */
export function chartBars(chart: Chart): Bar[] {
  let x = 0;
  const bars: Bar[] = chart.parts.map((part, index) => {
    const bar: Bar = {
      label: part.label,
      valueLabel: `${part.atLeast ? 'more than ' : ''}${part.value}%`,
      x,
      width: part.value,
      tone: TONES[index % TONES.length]!,
    };
    x += part.value;
    return bar;
  });
  // One decimal place: 33.3 + 33.3 must leave 33.4, not 33.400000000000006.
  const rest = Math.round((100 - x) * 10) / 10;
  if (chart.rest && rest > 0) {
    const approximate = chart.parts.some((part) => part.atLeast);
    bars.push({
      label: chart.rest,
      valueLabel: `${approximate ? 'less than ' : ''}${rest}%`,
      x,
      width: rest,
      tone: 'rest',
    });
  }
  return bars;
}
