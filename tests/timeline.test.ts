import { describe, expect, it } from 'vitest';
import { buildTimeline, groupBySection, sortEvents, type TimelineEvent } from '../src/lib/timeline';

const event = (date: string, section: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  date,
  section,
  title: `Event of ${date}`,
  text: 'Something happened.',
  ...extra,
});

describe('sortEvents', () => {
  it('puts events oldest first', () => {
    const sorted = sortEvents([event('2021-08-15', 'c'), event('1996', 'a'), event('2020-02-29', 'b')]);
    expect(sorted.map((e) => e.date)).toEqual(['1996', '2020-02-29', '2021-08-15']);
  });

  it('puts a month after the days in it, so "end of February" follows 17 February in either order', () => {
    for (const events of [
      [event('2021-02-17', 'a'), event('2021-02', 'b'), event('2020-09-12', 'c')],
      [event('2021-02', 'b'), event('2020-09-12', 'c'), event('2021-02-17', 'a')],
    ]) {
      expect(sortEvents(events).map((e) => e.date)).toEqual(['2020-09-12', '2021-02-17', '2021-02']);
    }
  });

  it('keeps a year among days in order: 29 February 2020 before 10 March 2020, the year after both', () => {
    const sorted = sortEvents([event('2020-03-10', 'a'), event('2020', 'b'), event('2020-02-29', 'c')]);
    expect(sorted.map((e) => e.date)).toEqual(['2020-02-29', '2020-03-10', '2020']);
  });

  it('keeps the file order of events on the same date', () => {
    const sorted = sortEvents([
      event('2021-03-18', 'a', { title: 'first' }),
      event('2021-03-18', 'b', { title: 'second' }),
    ]);
    expect(sorted.map((e) => e.title)).toEqual(['first', 'second']);
  });
});

describe('buildTimeline', () => {
  const timeline = buildTimeline(
    [
      event('2021-04-14', 'next'),
      event('1996', 'meeting', { endDate: '2001' }),
      event('2021-03-18', 'meeting'),
      event('2021-02', 'talks'),
    ],
    '2021-03-18',
  );

  it('splits events at the report date, the report day itself included before', () => {
    expect(timeline.before.map((i) => i.datetime)).toEqual(['1996', '2021-02', '2021-03-18']);
    expect(timeline.after.map((i) => i.datetime)).toEqual(['2021-04-14']);
    expect(timeline.after.every((i) => i.later)).toBe(true);
    expect(timeline.before.some((i) => i.later)).toBe(false);
  });

  it('keeps a scheduled date after the report with what was known, marked as scheduled', () => {
    const { before, after } = buildTimeline(
      [
        event('2021-05-01', 'deadline', { scheduled: true }),
        event('2021-04-14', 'next'),
        event('2021-03-18', 'meeting'),
      ],
      '2021-03-18',
    );
    expect(before.map((i) => [i.datetime, i.scheduled, i.later])).toEqual([
      ['2021-03-18', false, false],
      ['2021-05-01', true, false],
    ]);
    expect(after.map((i) => i.datetime)).toEqual(['2021-04-14']);
  });

  it('labels dates in their precision and spans from start to end', () => {
    expect(timeline.before.map((i) => i.dateLabel)).toEqual([
      '1996 to 2001',
      'February 2021',
      '18 March 2021',
    ]);
    expect(timeline.before[0]?.endDatetime).toBe('2001');
  });

  it('links each event to its section', () => {
    expect(timeline.before.map((i) => i.href)).toEqual(['#meeting', '#talks', '#meeting']);
  });
});

describe('groupBySection', () => {
  it('maps each section to its events, in timeline order', () => {
    const { before } = buildTimeline(
      [event('2021-03-18', 'meeting'), event('2020-02-29', 'deadline'), event('1996', 'meeting')],
      '2021-03-18',
    );
    const groups = groupBySection(before);
    expect(groups.get('meeting')?.map((i) => i.datetime)).toEqual(['1996', '2021-03-18']);
    expect(groups.get('deadline')).toHaveLength(1);
    expect(groups.has('elsewhere')).toBe(false);
  });
});
