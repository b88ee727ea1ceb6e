/**
 * The story generator (tests/story-generator.ts) makes valid explainers whatever the seed: the
 * content reader finds no problem (and no warning but advice) in any of them, and their maps can be drawn. The seeds start from
 * the run's story seed, and a failure names the seed to re-run it with.
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { readContent } from '../src/lib/content/read';
import { renderLocatorMap } from '../src/lib/locator-map';
import { scratch } from './fixtures';
import { generateStory, type StoryOptions, writeStory } from './story-generator';

const work = scratch('story-generator');
// The run's story seed (tests/global-setup.ts: STORY_SEED, else random).
const first = inject('storySeed');
const SEEDS = 200;

/** What the reader says of one generated story written alone into a content folder. */
function read(seed: number, options: StoryOptions = {}) {
  const dir = path.join(work, `seed-${seed}-${Object.keys(options).join('-')}`);
  const story = writeStory(dir, 'story', seed, options);
  const { explainers, problems } = readContent(dir);
  // The reader does not draw the map; the build does, and stops on a country or place it cannot show.
  const map = explainers[0]?.map;
  if (map) {
    try {
      renderLocatorMap(map);
    } catch (error) {
      problems.push(String(error));
    }
  }
  return {
    story,
    explainer: explainers[0]!,
    // Warnings are advice a valid story may earn: a wide table (a story may need one), notes
    // without evidence and map labels that overlap (its places are close together). Any other warning is reported like a problem.
    problems: [
      ...problems,
      ...explainers.flatMap((e) => [
        ...e.problems,
        ...e.warnings.filter(
          (w) =>
            !/table is likely unreadable on a phone|quote no passage of their source|on the map, the label/.test(
              w,
            ),
        ),
      ]),
    ],
  };
}

it(`${SEEDS} seeds from ${first}: every story passes the content reader`, () => {
  const shapes = new Set<string>();
  for (let seed = first; seed < first + SEEDS; seed++) {
    const { explainer, problems } = read(seed);
    expect(problems, `story seed ${seed} (re-run with STORY_SEED=${seed})`).toEqual([]);
    shapes.add(`${explainer.sections.length}/${explainer.people.length}/${explainer.terms.length}`);
  }
  // Random means random: the seeds gave stories of many shapes, not one.
  expect(shapes.size).toBeGreaterThan(SEEDS / 4);
});

describe('forced properties are what the story has', () => {
  const seed = first;
  it('a short story with a renamed section, two people and two terms', () => {
    const { explainer, problems } = read(seed, {
      sections: 5,
      shortSections: true,
      renamed: true,
      people: 2,
      terms: 2,
    });
    expect(problems, `STORY_SEED=${seed}`).toEqual([]);
    expect(explainer.sections).toHaveLength(5);
    expect(explainer.sections.filter((s) => s.oldSlugs.length > 0)).toHaveLength(1);
    expect(explainer.people).toHaveLength(2);
    expect(explainer.terms).toHaveLength(2);
  });

  it('the largest story: 30 sections of up to 40 paragraphs, 200 events, every kind of apparatus', () => {
    const { story, explainer, problems } = read(seed, {
      sections: 30,
      paragraphs: 40,
      events: 200,
      scheduled: true,
      people: 10,
      terms: 8,
      charts: 2,
      map: true,
      tables: 3,
      footnotes: true,
      later: true,
      changes: true,
      longTitles: true,
    });
    expect(problems, `STORY_SEED=${seed}`).toEqual([]);
    expect(explainer.sections).toHaveLength(30);
    expect(explainer.events).toHaveLength(200);
    expect(explainer.events.some((e) => e.scheduled && e.date > explainer.reportDate)).toBe(true);
    expect(Object.keys(explainer.charts)).toHaveLength(2);
    expect(explainer.map).toBeDefined();
    expect(explainer.changes.length).toBeGreaterThan(0);
    expect(explainer.sections.at(-1)!.later).toBe(true);
    const text = Object.values(story.files).join('\n');
    expect(text.match(/^Table: /gm)).toHaveLength(3);
    expect(text).toMatch(/\[\^1\]: /);
  });

  it('a story with nothing extra: no who’s who, glossary, chart, map or table', () => {
    const { story, problems } = read(seed, { people: 0, terms: 0, charts: 0, map: false, tables: 0 });
    expect(problems, `STORY_SEED=${seed}`).toEqual([]);
    expect(
      Object.keys(story.files)
        .filter((f) => !f.startsWith('sections/'))
        .sort(),
    ).toEqual(
      ['explainer.yaml', 'timeline.yaml', ...(story.files['changes.yaml'] ? ['changes.yaml'] : [])].sort(),
    );
  });

  it('the same seed gives the same story, another seed another', () => {
    expect(generateStory(seed).files).toEqual(generateStory(seed).files);
    expect(generateStory(seed).files).not.toEqual(generateStory(seed + 1).files);
  });
});
