import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { readContent } from '../src/lib/content/read';
import {
  type Box,
  labelBox,
  MAP_SIZE,
  markerBox,
  overlap,
  renderLocatorMap,
  type MapPlace,
  type MapSpec,
} from '../src/lib/locator-map';
import { scratch } from './fixtures';
import { writeStory } from './story-generator';

const spec: MapSpec = {
  title: 'Afghanistan and its neighbours',
  description:
    'Map of Afghanistan with its neighbours Pakistan, Iran, China, Turkmenistan, Uzbekistan and Tajikistan, and Russia to the north. Dots mark Kabul, Moscow and Doha; a ring marks Maidan Wardak province, southwest of Kabul.',
  focus: 'Afghanistan',
  countries: ['Pakistan', 'China', 'Iran', 'Turkmenistan', 'Uzbekistan', 'Tajikistan', 'Russia'],
  places: [
    { name: 'Kabul', lon: 69.17, lat: 34.53, kind: 'capital', label: 'right' },
    { name: 'Maidan Wardak', lon: 68.3, lat: 34.2, kind: 'area', label: 'left' },
    { name: 'Moscow', lon: 37.62, lat: 55.75, kind: 'capital', label: 'right' },
    { name: 'Doha', lon: 51.53, lat: 25.29, kind: 'capital', label: 'right' },
  ],
};

const withPlaces = (places: MapPlace[]): MapSpec => ({ ...spec, places });
const textsOf = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const circlesOf = (svg: string) => svg.match(/<circle\b[^>]*>/g) ?? [];

describe('renderLocatorMap', () => {
  const svg = renderLocatorMap(spec);

  it('labels every country and place with real text', () => {
    const texts = textsOf(svg);
    for (const name of [...spec.countries, ...spec.places.map((p) => p.name)]) expect(texts).toContain(name);
    expect(circlesOf(svg)).toHaveLength(spec.places.length);
  });

  it('is an accessible standalone image', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 640 520"/);
    expect(svg).toContain('role="img"');
    const [, labelledBy] = svg.match(/aria-labelledby="([^"]+)"/) ?? [];
    const [titleId, descId] = labelledBy.split(' ');
    expect(svg).toContain(`<title id="${titleId}">Afghanistan and its neighbours</title>`);
    expect(svg).toContain(`<desc id="${descId}">${spec.description}</desc>`);
  });

  it('comes in light and dark colours, each complete without media queries', () => {
    const dark = renderLocatorMap(spec, undefined, 'dark');
    expect(svg).not.toContain('@media');
    expect(dark).not.toContain('@media');
    // The sea: light blue, and a dark blue-black.
    expect(svg).toContain('.s{fill:#d6e6f0}');
    expect(dark).toContain('.s{fill:#101c27}');
    expect(dark.replace(/<style>.*<\/style>/, '')).toBe(svg.replace(/<style>.*<\/style>/, ''));
  });

  it('escapes markup in the title, description and labels', () => {
    const odd = renderLocatorMap({
      ...withPlaces([{ name: 'A & <B>', lon: 69.17, lat: 34.53, kind: 'city', label: 'above' }]),
      title: 'Tom & "Jerry"',
      description: '<script>',
    });
    expect(odd).toContain('Tom &amp; &quot;Jerry&quot;</title>');
    expect(odd).toContain('&lt;script&gt;</desc>');
    expect(textsOf(odd)).toContain('A &amp; &lt;B&gt;');
    expect(odd).not.toContain('<script>');
  });

  it('stays small', () => {
    expect(gzipSync(svg, { level: 9 }).length).toBeLessThan(6000);
    expect(svg.length).toBeLessThan(20_000);
  });

  it('puts a marker where the place is', () => {
    const kabul = spec.places[0];
    const moved = renderLocatorMap(withPlaces([{ ...kabul, lon: 66, lat: 33 }]));
    const original = renderLocatorMap(withPlaces([kabul]));
    expect(circlesOf(moved)).not.toEqual(circlesOf(original));
    const cx = (s: string) => Number(circlesOf(s)[0]?.match(/cx="([\d.]+)"/)?.[1]);
    // West is left on the map.
    expect(cx(moved)).toBeLessThan(cx(original));
  });

  it('names an unknown country', () => {
    expect(() => renderLocatorMap({ ...spec, focus: 'Afganistan' })).toThrow(/"Afganistan"/);
    expect(() => renderLocatorMap({ ...spec, countries: ['Iran', 'Uzbekstan'] })).toThrow(
      /no country named "Uzbekstan"/,
    );
  });

  it('names a place outside the map', () => {
    expect(() =>
      renderLocatorMap(
        withPlaces([{ name: 'Paris', lon: 2.35, lat: 48.86, kind: 'capital', label: 'right' }]),
      ),
    ).toThrow(/place "Paris" \(2\.35, 48\.86\) is outside the map/);
  });

  it('is deterministic', () => {
    expect(renderLocatorMap(structuredClone(spec))).toBe(svg);
  });
});

describe('labels on crowded maps', () => {
  const work = scratch('crowded-maps');
  const first = inject('storySeed');
  const SEEDS = 40;

  /** The labels and markers as the SVG draws them, each with its box (20 px places, 18 px countries). */
  function drawn(svg: string) {
    const labels = [
      ...svg.matchAll(
        /<text x="([-\d.]+)" y="([-\d.]+)" class="([^"]+)"(?: text-anchor="(\w+)")?>([^<]*)<\/text>/g,
      ),
    ].map(([, x, y, cls, anchor, name]) => {
      const text = name!.replace(
        /&(amp|lt|gt|quot|apos);/g,
        (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!,
      );
      const place = cls === 'p';
      const box = labelBox(Number(x), Number(y), text, place ? 20 : 18, (anchor ?? 'start') as 'start');
      return { name: text, place, box, anchor: anchor ?? 'start', y: Number(y) };
    });
    const markers = [...svg.matchAll(/<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)" class="(\w)"/g)].map(
      ([, x, y, , cls]) =>
        markerBox({
          x: Number(x),
          y: Number(y),
          kind: ({ m: 'capital', h: 'city', a: 'area' } as const)[cls as 'm'],
        }),
    );
    return { labels, markers };
  }

  // Generated stories put a map's places within a degree or two of each other, some a few
  // hundredths of a degree apart (tests/story-generator.ts), with random names and sides.
  it(`${SEEDS} seeds from ${first}: no label overlaps another, another place's marker or the edge unless a warning names both`, () => {
    let moved = 0;
    let warned = 0;
    for (let seed = first; seed < first + SEEDS; seed++) {
      const dir = path.join(work, `seed-${seed}`);
      writeStory(dir, 'story', seed, { map: true, sections: 1 });
      const [explainer] = readContent(dir).explainers;
      const map = explainer!.map!;
      const warnings = explainer!.warnings.filter((w) => /: warning: on the map, /.test(w));
      expect(warnings.every((w) => w.startsWith(`${explainer!.mapFile}:`))).toBe(true);
      const named = (...parts: string[]) => warnings.some((w) => parts.every((part) => w.includes(part)));
      const { labels, markers } = drawn(renderLocatorMap(map));
      const places = labels.filter((label) => label.place);
      expect(places.map((p) => p.name)).toEqual(map.places.map((p) => p.name));
      const edge: Box = { left: 0, top: 0, right: MAP_SIZE.width, bottom: MAP_SIZE.height };
      const where = `story seed ${seed}: ${JSON.stringify(map.places)}\n${warnings.join('\n')}`;
      labels.forEach((label, i) => {
        for (const other of labels.slice(i + 1)) {
          if (overlap(label.box, other.box))
            expect(
              named(`"${label.name}"`, `"${other.name}"`),
              `${label.name} / ${other.name}; ${where}`,
            ).toBe(true);
        }
        markers.forEach((marker, m) => {
          if (label.place && places.indexOf(label) === m) return;
          if (overlap(label.box, marker))
            expect(
              named(`"${label.name}"`, `marker of "${map.places[m]!.name}"`),
              `${label.name} / marker ${m}; ${where}`,
            ).toBe(true);
        });
        const { left, top, right, bottom } = label.box;
        if (left < edge.left || top < edge.top || right > edge.right || bottom > edge.bottom)
          expect(named(`"${label.name}"`, "the map's edge"), `${label.name} / edge; ${where}`).toBe(true);
      });
      warned += warnings.length;
      // Moved off the side asked for: another anchor, or the same middle anchor at another height.
      moved += map.places.filter((place, i) => {
        const anchor = { right: 'start', left: 'end', above: 'middle', below: 'middle' }[place.label];
        return (
          places[i]!.anchor !== anchor ||
          (anchor === 'middle' && places[i]!.y < markers[i]!.top !== (place.label === 'above'))
        );
      }).length;
    }
    // The seeds were crowded enough to move labels and to leave some that no side could clear.
    expect(moved).toBeGreaterThan(0);
    expect(warned).toBeGreaterThan(0);
  });
});
