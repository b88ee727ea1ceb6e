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
  it('treats a month and a day inside it as equal, leaving the order to the editor', () => {
    expect(comparePartialDates(d('2021-02'), d('2021-02-17'))).toBe(0);
  });
  it('knows what lies after the report date', () => {
    const report = d('2021-03-18');
    expect(isAfter(d('2021-03-19'), report)).toBe(true);
    expect(isAfter(d('2021-03-18'), report)).toBe(false);
    expect(isAfter(d('2021-03'), report)).toBe(false);
    expect(isAfter(d('2021-04'), report)).toBe(true);
  });
});
