/**
 * Locator maps drawn at build time: Natural Earth country shapes (world-atlas) are projected with
 * d3-geo and written out as one small standalone SVG string. Readers get a static image with real
 * <text> labels, so there is no client-side map library, no tile server and nothing to load but
 * the SVG itself. There is a light and a dark version: the page picks one with <picture>, as an
 * SVG loaded by <img> does not follow prefers-color-scheme in WebKit.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { geoConicEqualArea, geoPath, type GeoProjection } from 'd3-geo';
import type { MultiPoint } from 'geojson';
import { feature, merge, mesh } from 'topojson-client';
import type { MultiPolygon, Polygon, Topology } from 'topojson-specification';

export interface MapPlace {
  name: string; // label drawn on the map, e.g. "Kabul"
  lon: number;
  lat: number;
  /** capital: filled dot; city: hollow dot; area: dashed ring marking a province's location */
  kind: 'capital' | 'city' | 'area';
  /** where the label sits relative to the marker */
  label: 'left' | 'right' | 'above' | 'below';
}

export interface MapSpec {
  /** accessible name, goes into <title> */
  title: string;
  /** text alternative, goes into <desc> */
  description: string;
  /** Natural Earth country name (world-atlas properties.name) drawn highlighted, e.g. "Afghanistan" */
  focus: string;
  /** country names labelled on the map, e.g. ["Pakistan","China","Iran","Turkmenistan","Uzbekistan","Tajikistan","Russia"] */
  countries: string[];
  places: MapPlace[];
}

export const MAP_SIZE: { width: number; height: number } = { width: 640, height: 520 };

/**
 * The frame covers Moscow, Doha, Afghanistan with all its neighbours and western China. The
 * conic projection is centred on Central Asia so that the region keeps its familiar shape.
 */
const FRAME: MultiPoint = {
  type: 'MultiPoint',
  coordinates: [
    [35.5, 57.5],
    [62, 23.2],
    [88, 42],
    [82, 53],
  ],
};
const FRAME_PADDING = 4;

/**
 * Label points for countries whose geographic centre is off the frame or a poor spot for text,
 * as [lon, lat]. Other countries are labelled at the centre of their visible part.
 */
const LABEL_AT: Record<string, [number, number]> = {
  Russia: [47.5, 53.2],
  China: [84, 35.5],
  Pakistan: [69.6, 27.4],
  Iran: [54, 31.8],
  Turkmenistan: [58.8, 39.2],
  Uzbekistan: [63.4, 42.6],
  Tajikistan: [71.6, 38.9],
  Afghanistan: [64.8, 32.4],
  Kazakhstan: [67, 48],
};

// Offsets in px from a marker to its label's anchor.
const LABEL_GAP = 10;
const FONT_PX = 20;
const COUNTRY_FONT_PX = 18;

type CountryProps = { name: string };
type CountryGeometry = (Polygon<CountryProps> | MultiPolygon<CountryProps>) & { properties: CountryProps };

interface Countries {
  topology: Topology<{ countries: { type: 'GeometryCollection'; geometries: CountryGeometry[] } }>;
  byName: Map<string, CountryGeometry>;
}

let cached: Countries | undefined;

/**
 * Read through createRequire rather than a JSON import so that Vite does not inline the 100 KB
 * topology into the build output; the file is only needed while the pages are rendered.
 */
function loadCountries(): Countries {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // The 1:110m data is plenty at this scale and keeps the paths short; Qatar is in it too.
  const topology = require('world-atlas/countries-110m.json') as Countries['topology'];
  const byName = new Map(topology.objects.countries.geometries.map((g) => [g.properties.name, g]));
  cached = { topology, byName };
  return cached;
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);

const round = (n: number): number => Math.round(n * 10) / 10;

function projectInside(
  projection: GeoProjection,
  lon: number,
  lat: number,
  size: { width: number; height: number },
): [number, number] | null {
  const p = projection([lon, lat]);
  if (!p || !(p[0] >= 0 && p[0] <= size.width && p[1] >= 0 && p[1] <= size.height)) return null;
  return [round(p[0]), round(p[1])];
}

function text(x: number, y: number, label: string, cls: string, anchor: 'start' | 'middle' | 'end'): string {
  const a = anchor === 'start' ? '' : ` text-anchor="${anchor}"`;
  return `<text x="${round(x)}" y="${round(y)}" class="${cls}"${a}>${escapeXml(label)}</text>`;
}

const LIGHT = [
  '.s{fill:#d6e6f0}.l{fill:#f4f1ea}.f{fill:#f2c46d;stroke:#a8741c;stroke-width:1.5}',
  '.b{fill:none;stroke:#9a958c;stroke-width:.8;stroke-linejoin:round}',
  'text{font:20px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#1c1c1c;',
  'stroke:#fff;stroke-width:3.5px;stroke-linejoin:round;paint-order:stroke;stroke-opacity:.85}',
  '.c{font-size:18px;fill:#5e5a52}.cf{font-weight:700;fill:#5c3d05}.p{font-weight:600}',
  '.m{fill:#1c1c1c;stroke:#fff;stroke-width:2}.h{fill:#fff;stroke:#1c1c1c;stroke-width:2.2}',
  '.a{fill:none;stroke:#b3261e;stroke-width:2.2;stroke-dasharray:3 2.5}',
].join('');
/** Overrides of LIGHT for the dark version. */
const DARK = [
  '.s{fill:#101c27}.l{fill:#353d43}',
  '.f{fill:#8a6420;stroke:#e0b05a}.b{stroke:#6f7a82}',
  'text{fill:#f2f2f2;stroke:#10161b}.c{fill:#c9ccce}.cf{fill:#ffe2a8}',
  '.m{fill:#f2f2f2;stroke:#10161b}.h{fill:#10161b;stroke:#f2f2f2}.a{stroke:#ff8a80}',
].join('');

/**
 * Draws the locator map for `spec` as a standalone SVG document, in light or dark colours. The
 * output depends only on its arguments, so pages that embed it build reproducibly.
 */
export function renderLocatorMap(
  spec: MapSpec,
  size: { width: number; height: number } = MAP_SIZE,
  scheme: 'light' | 'dark' = 'light',
): string {
  const { topology, byName } = loadCountries();
  const { width, height } = size;

  const countryNamed = (name: string) => {
    const geometry = byName.get(name);
    if (!geometry) {
      throw new Error(`Locator map: no country named "${name}" in Natural Earth data; check the spelling`);
    }
    return geometry;
  };
  const focusGeometry = countryNamed(spec.focus);
  const labelled = spec.countries.map((name) => ({ name, geometry: countryNamed(name) }));

  const projection = geoConicEqualArea()
    .rotate([-62, 0])
    .center([0, 42])
    .parallels([30, 50])
    .fitExtent(
      [
        [FRAME_PADDING, FRAME_PADDING],
        [width - FRAME_PADDING, height - FRAME_PADDING],
      ],
      FRAME,
    )
    // Everything outside the frame is cut away here, so the rest of the world never reaches the output.
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
  const path = geoPath(projection).digits(0);

  const world = topology.objects.countries;
  const land = path(merge(topology, world.geometries)) ?? '';
  // Shared borders once each, instead of every country's outline.
  const borders = path(mesh(topology, world, (a, b) => a !== b)) ?? '';
  const focusShape = path(feature(topology, focusGeometry)) ?? '';

  const countryLabels: string[] = [];
  const labelCountry = (name: string, geometry: typeof focusGeometry, cls: string) => {
    const override = LABEL_AT[name];
    let at: [number, number] | null;
    if (override) {
      at = projectInside(projection, override[0], override[1], size);
    } else {
      const c = path.centroid(feature(topology, geometry));
      at = Number.isFinite(c[0]) && Number.isFinite(c[1]) ? c : null;
    }
    if (!at) throw new Error(`Locator map: country "${name}" is not visible on the map`);
    // Nudge down by a third of the font size so the label is centred vertically on its point.
    countryLabels.push(text(at[0], at[1] + COUNTRY_FONT_PX / 3, name, cls, 'middle'));
  };
  labelCountry(spec.focus, focusGeometry, 'c cf');
  for (const { name, geometry } of labelled) {
    if (name !== spec.focus) labelCountry(name, geometry, 'c');
  }

  const markers: string[] = [];
  const placeLabels: string[] = [];
  for (const place of spec.places) {
    const at = projectInside(projection, place.lon, place.lat, size);
    if (!at) {
      throw new Error(`Locator map: place "${place.name}" (${place.lon}, ${place.lat}) is outside the map`);
    }
    const [x, y] = at;
    let gap = LABEL_GAP;
    if (place.kind === 'capital') markers.push(`<circle cx="${x}" cy="${y}" r="5" class="m"/>`);
    else if (place.kind === 'city') markers.push(`<circle cx="${x}" cy="${y}" r="4.5" class="h"/>`);
    else {
      markers.push(`<circle cx="${x}" cy="${y}" r="8" class="a"/>`);
      gap += 4;
    }
    const baseline = y + FONT_PX / 3;
    if (place.label === 'right') placeLabels.push(text(x + gap, baseline, place.name, 'p', 'start'));
    else if (place.label === 'left') placeLabels.push(text(x - gap, baseline, place.name, 'p', 'end'));
    else if (place.label === 'above') placeLabels.push(text(x, y - gap - 2, place.name, 'p', 'middle'));
    else placeLabels.push(text(x, y + gap + FONT_PX * 0.75, place.name, 'p', 'middle'));
  }

  // Ids derived from the spec, so two different maps inlined in one page do not share them.
  const id = `lm${createHash('sha256')
    .update(JSON.stringify([spec, size]))
    .digest('hex')
    .slice(0, 8)}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
    ` role="img" aria-labelledby="${id}t ${id}d">` +
    `<title id="${id}t">${escapeXml(spec.title)}</title>` +
    `<desc id="${id}d">${escapeXml(spec.description)}</desc>` +
    `<style>${LIGHT}${scheme === 'dark' ? DARK : ''}</style>` +
    `<rect class="s" width="${width}" height="${height}"/>` +
    `<path class="l" d="${land}"/>` +
    `<path class="f" d="${focusShape}"/>` +
    `<path class="b" d="${borders}"/>` +
    markers.join('') +
    countryLabels.join('') +
    placeLabels.join('') +
    `</svg>`
  );
}
