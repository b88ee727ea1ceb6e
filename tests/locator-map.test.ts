import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderLocatorMap, type MapPlace, type MapSpec } from '../src/lib/locator-map';

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
