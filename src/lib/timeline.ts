import { comparePartialDates, formatPartialDate, isAfter, toPartialDate, type PartialDate } from './dates';

/** A timeline event as written in timeline.yaml, with its section reduced to a slug. */
export interface TimelineEvent {
  date: string;
  endDate?: string;
  title: string;
  text: string;
  /** The slug of the section the event belongs to. */
  section: string;
  source?: string;
  /** A date after the report that was already set by then (a deadline). */
  scheduled?: boolean;
}

/** What the timeline component renders for one event. */
export interface TimelineItem {
  title: string;
  text: string;
  /** Machine-readable start, in its own precision ("2021-02"). */
  datetime: string;
  /** Machine-readable end of a span, if any. */
  endDatetime?: string;
  /** "18 March 2021", "February 2021", "1996 to 2001". */
  dateLabel: string;
  /** The section the event belongs to, and the in-page link to it. */
  section: string;
  href: string;
  source?: string;
  /** Happened after the report date: shown apart, as a later development. */
  later: boolean;
  /** After the report date, but set by then: shown with what was known, marked as scheduled. */
  scheduled: boolean;
}

export interface Timeline {
  /** Events up to and including the report date, oldest first. */
  before: TimelineItem[];
  /** Later developments, oldest first. */
  after: TimelineItem[];
}

/** Sorts events oldest first (see comparePartialDates); events on the same date keep their order in the file. */
export function sortEvents<T extends { date: string }>(events: readonly T[]): T[] {
  return events
    .map((event, index) => ({ event, index, date: toPartialDate(event.date) }))
    .sort((a, b) => comparePartialDates(a.date, b.date) || a.index - b.index)
    .map(({ event }) => event);
}

function labelOf(start: PartialDate, end?: PartialDate): string {
  return end ? `${formatPartialDate(start)} to ${formatPartialDate(end)}` : formatPartialDate(start);
}

/** Turns one event into the plain item the timeline renders. */
export function toTimelineItem(event: TimelineEvent, reportDate: string): TimelineItem {
  const start = toPartialDate(event.date);
  const end = event.endDate === undefined ? undefined : toPartialDate(event.endDate);
  return {
    title: event.title,
    text: event.text,
    datetime: start.iso,
    endDatetime: end?.iso,
    dateLabel: labelOf(start, end),
    section: event.section,
    href: `#${event.section}`,
    source: event.source,
    later: isAfter(start, toPartialDate(reportDate)) && !event.scheduled,
    scheduled: isAfter(start, toPartialDate(reportDate)) && Boolean(event.scheduled),
  };
}

/**
 * Sorts the events and splits them at the report date into what was known (scheduled dates
 * included) and what came later.
 */
export function buildTimeline(events: readonly TimelineEvent[], reportDate: string): Timeline {
  const items = sortEvents(events).map((event) => toTimelineItem(event, reportDate));
  return {
    before: items.filter((item) => !item.later),
    after: items.filter((item) => item.later),
  };
}

/** Groups timeline items by the section they belong to, for highlighting and section pages. */
export function groupBySection(items: readonly TimelineItem[]): Map<string, TimelineItem[]> {
  const groups = new Map<string, TimelineItem[]>();
  for (const item of items) {
    groups.set(item.section, [...(groups.get(item.section) ?? []), item]);
  }
  return groups;
}
