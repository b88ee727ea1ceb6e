/**
 * Dates with the precision the sources give them: a year ("1996"), a month ("2021-02")
 * or a day ("2021-03-18"). Stored as ISO-8601 strings of that length, so `<time datetime>`
 * can carry them as they are.
 */

export type Precision = 'year' | 'month' | 'day';

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  precision: Precision;
  /** The ISO-8601 form in its own precision, e.g. "2021-02". */
  iso: string;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Days in a month; `Date.UTC` rolls 31 April into 1 May, which is how we catch it. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** What `npm run new` writes for a date it was not told: the build refuses it. */
export const DATE_PLACEHOLDER = 'YYYY-MM-DD';

/**
 * Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD". Returns an error message instead of a date
 * when the text is malformed or names a day that does not exist (2021-02-30).
 */
export function parsePartialDate(text: string): PartialDate | string {
  const match = PARTIAL_DATE.exec(text);
  if (text === DATE_PLACEHOLDER)
    return `is still "${DATE_PLACEHOLDER}", the placeholder of npm run new: write the date, e.g. '2021-03-18'`;
  // Day first, as British and most European writers date: 31/08/2021 or 31.08.2021.
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!match && dayFirst) {
    const [, d, m, y] = dayFirst;
    const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    const hint =
      typeof parsePartialDate(iso) === 'string'
        ? ''
        : ` If it means ${formatPartialDate(toPartialDate(iso))}, write '${iso}'.`;
    return `"${text}" is not a date in the form the build reads: write YYYY-MM-DD, year first.${hint}`;
  }
  if (!match) return `"${text}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`;
  const [, y, m, d] = match;
  const year = Number(y);
  if (m === undefined) return { year, precision: 'year', iso: text };
  const month = Number(m);
  if (month < 1 || month > 12) return `"${text}" has no month ${m}`;
  if (d === undefined) return { year, month, precision: 'month', iso: text };
  const day = Number(d);
  if (day < 1 || day > daysInMonth(year, month)) {
    return `"${text}" is not a real day: ${MONTHS[month - 1]} ${year} has ${daysInMonth(year, month)} days`;
  }
  return { year, month, day, precision: 'day', iso: text };
}

/** Like `parsePartialDate`, but throws; for values a schema has already checked. */
export function toPartialDate(text: string): PartialDate {
  const parsed = parsePartialDate(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

/** British style in the date's own precision: "18 March 2021", "February 2021", "1996". */
export function formatPartialDate(date: PartialDate): string {
  if (date.month === undefined) return String(date.year);
  const month = MONTHS[date.month - 1];
  if (date.day === undefined) return `${month} ${date.year}`;
  return `${date.day} ${month} ${date.year}`;
}

/** The first and the last day a partial date can mean, as "YYYY-MM-DD" strings. */
export function dateRange(date: PartialDate): { first: string; last: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = date.month ?? 1;
  const lastMonth = date.month ?? 12;
  return {
    first: `${date.year}-${pad(month)}-${pad(date.day ?? 1)}`,
    last: `${date.year}-${pad(lastMonth)}-${pad(date.day ?? daysInMonth(date.year, lastMonth))}`,
  };
}

const PRECISION_RANK: Record<Precision, number> = { day: 0, month: 1, year: 2 };

/**
 * A total order of dates of mixed precision: by the last day each can mean, so a month sorts at
 * the end of that month, after the days in it ("17 February 2021" before "February 2021"), and a
 * year at the end of that year; on the same last day, the finer date first. Dates that compare
 * equal are the same date, and a stable sort keeps their order in the file.
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const ra = dateRange(a);
  const rb = dateRange(b);
  if (ra.last !== rb.last) return ra.last < rb.last ? -1 : 1;
  return PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision];
}

/** True when every day the date can mean lies after `reference` (a day-precision date). */
export function isAfter(date: PartialDate, reference: PartialDate): boolean {
  return dateRange(date).first > dateRange(reference).last;
}
