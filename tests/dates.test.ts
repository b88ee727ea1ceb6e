import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePartialDates,
  formatPartialDate,
  isAfter,
  parsePartialDate,
  toPartialDate,
} from '../src/lib/dates';

describe('parsePartialDate', () => {
  it('reads a year, a month and a day in their own precision', () => {
    expect(parsePartialDate('1996')).toMatchObject({ year: 1996, precision: 'year', iso: '1996' });
    expect(parsePartialDate('2021-02')).toMatchObject({ year: 2021, month: 2, precision: 'month' });
    expect(parsePartialDate('2021-03-18')).toMatchObject({ day: 18, precision: 'day', iso: '2021-03-18' });
  });

  it('explains malformed and impossible dates', () => {
    expect(parsePartialDate('18 March 2021')).toMatch(/YYYY, YYYY-MM or YYYY-MM-DD/);
    expect(parsePartialDate('2021-13')).toMatch(/no month 13/);
    expect(parsePartialDate('2021-02-30')).toMatch(/February 2021 has 28 days/);
    expect(parsePartialDate('2020-02-29')).toMatchObject({ day: 29 });
  });
});

describe('formatPartialDate', () => {
  it('writes British style in the precision the date has', () => {
    expect(formatPartialDate(toPartialDate('2021-03-18'))).toBe('18 March 2021');
    expect(formatPartialDate(toPartialDate('2021-02'))).toBe('February 2021');
    expect(formatPartialDate(toPartialDate('1996'))).toBe('1996');
  });
});

describe('comparing dates', () => {
  const d = toPartialDate;
  it('orders dates that do not overlap', () => {
    expect(comparePartialDates(d('2020-09-12'), d('2021-02'))).toBeLessThan(0);
    expect(comparePartialDates(d('2021'), d('2020-12-31'))).toBeGreaterThan(0);
  });
  it('puts a month or a year at the end of its period, after the days in it', () => {
    expect(comparePartialDates(d('2021-02-17'), d('2021-02'))).toBeLessThan(0);
    expect(comparePartialDates(d('2021-02-28'), d('2021-02'))).toBeLessThan(0);
    expect(comparePartialDates(d('2020-03-10'), d('2020'))).toBeLessThan(0);
    expect(comparePartialDates(d('2020-12'), d('2020'))).toBeLessThan(0);
    expect(comparePartialDates(d('2021-02'), d('2021-02'))).toBe(0);
  });
  it('knows what lies after the report date', () => {
    const report = d('2021-03-18');
    expect(isAfter(d('2021-03-19'), report)).toBe(true);
    expect(isAfter(d('2021-03-18'), report)).toBe(false);
    expect(isAfter(d('2021-03'), report)).toBe(false);
    expect(isAfter(d('2021-04'), report)).toBe(true);
  });
});

/** Any date of any precision between 1990 and 2030. */
const anyDate = fc
  .tuple(
    fc.integer({ min: 1990, max: 2030 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
    fc.constantFrom('year', 'month', 'day'),
  )
  .map(([year, month, day, precision]) => {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const iso = [String(year), String(month).padStart(2, '0'), String(Math.min(day, last)).padStart(2, '0')];
    return toPartialDate(iso.slice(0, precision === 'year' ? 1 : precision === 'month' ? 2 : 3).join('-'));
  });

describe('comparePartialDates is a total order over mixed precisions', () => {
  const sign = (n: number) => Math.sign(n);
  it('is antisymmetric and transitive, and equal only for the same date', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (a, b, c) => {
        expect(sign(comparePartialDates(a, b)) + sign(comparePartialDates(b, a))).toBe(0);
        if (comparePartialDates(a, b) <= 0 && comparePartialDates(b, c) <= 0) {
          expect(comparePartialDates(a, c)).toBeLessThanOrEqual(0);
        }
        expect(comparePartialDates(a, b) === 0).toBe(a.iso === b.iso);
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts any mix to the same order whatever order it came in, a day never after a later day', () => {
    fc.assert(
      fc.property(fc.array(anyDate, { maxLength: 30 }), fc.infiniteStream(fc.integer()), (dates, seeds) => {
        const sorted = [...dates].sort(comparePartialDates).map((date) => date.iso);
        const shuffled = [...dates]
          .map((date) => [seeds.next().value, date] as const)
          .sort((x, y) => x[0] - y[0]);
        expect(
          shuffled
            .map(([, date]) => date)
            .sort(comparePartialDates)
            .map((date) => date.iso),
        ).toEqual(sorted);
        const days = sorted.filter((iso) => iso.length === 10);
        expect(days).toEqual([...days].sort());
      }),
    );
  });
});
