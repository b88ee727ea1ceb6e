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

function text(x: number, y: number, label: string, cls: string, anchor: Anchor): string {
  const a = anchor === 'start' ? '' : ` text-anchor="${anchor}"`;
  return `<text x="${round(x)}" y="${round(y)}" class="${cls}"${a}>${escapeXml(label)}</text>`;
}

type Anchor = 'start' | 'middle' | 'end';

/** A rectangle on the map, in its pixels. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const overlap = (a: Box, b: Box): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * About how wide `label` is drawn at `px`, on the generous side: the reader's own system font
 * draws it. Full-width characters (CJK, Hangul) take an em, thin ones (spaces, punctuation, i,
 * l) a third, the rest about 0.72 em (measured: semibold Latin in DejaVu Sans, a wide system
 * font; Cyrillic and Arabic come out narrower); plus the halo.
 */
export function labelWidth(label: string, px: number): number {
  let ems = 0;
  for (const char of label) {
    if (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/.test(char))
      ems += 1;
    else if (/[\s.,;:'’!|()ilj-]/.test(char)) ems += 0.34;
    else ems += 0.72;
  }
  return ems * px + 4;
}

/** The box of a label with its baseline at `y`: ascenders, descenders and the halo. */
export function labelBox(x: number, y: number, label: string, px: number, anchor: Anchor): Box {
  const width = labelWidth(label, px);
  const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
  return { left, top: y - px * 0.85, right: left + width, bottom: y + px * 0.3 };
}

/** One label laid out, and what it overlaps: other labels, other places' markers, the map's edge. */
export interface MapLabel {
  name: string;
  /** Its place's index in `places`; none for a country's label. */
  place?: number;
  x: number;
  y: number;
  anchor: Anchor;
  box: Box;
  clashes: string[];
}

export interface MapLayout {
  markers: { x: number; y: number; kind: MapPlace['kind'] }[];
  labels: MapLabel[];
}

const RADIUS: Record<MapPlace['kind'], number> = { capital: 5, city: 4.5, area: 8 };

/** A marker's box, its stroke included. */
export const markerBox = ({ x, y, kind }: MapLayout['markers'][number]): Box => {
  const r = RADIUS[kind] + 1.5;
  return { left: x - r, top: y - r, right: x + r, bottom: y + r };
};

/** The projection of the fixed frame onto a map of `size`, cut to it. */
function projectionFor({ width, height }: { width: number; height: number }): GeoProjection {
  return geoConicEqualArea()
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
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
}

function countryNamed(name: string): CountryGeometry {
  const geometry = loadCountries().byName.get(name);
  if (!geometry)
    throw new Error(`Locator map: no country named "${name}" in Natural Earth data; check the spelling`);
  return geometry;
}

/**
 * Where each marker and label goes. A country's label sits at its point. A place's label goes on
 * the side the editor asked for, or else the first of right, left, above and below that keeps
 * it clear of the labels before it, the other markers and the map's edge; where no side does, it
 * stays on the side asked for and `clashes` names what it overlaps, for the build to warn.
 * Every overlapping pair is named once, by the later label.
 */
export function layOutMap(spec: MapSpec, size: { width: number; height: number } = MAP_SIZE): MapLayout {
  const projection = projectionFor(size);
  const path = geoPath(projection);
  const markers = spec.places.map((place) => {
    const at = projectInside(projection, place.lon, place.lat, size);
    if (!at)
      throw new Error(`Locator map: place "${place.name}" (${place.lon}, ${place.lat}) is outside the map`);
    return { x: at[0], y: at[1], kind: place.kind };
  });
  const labels: MapLabel[] = [];
  const clashesOf = (box: Box, own?: number) => [
    ...labels.filter((label) => overlap(box, label.box)).map((label) => `the label "${label.name}"`),
    ...spec.places
      .filter((_, index) => index !== own && overlap(box, markerBox(markers[index]!)))
      .map((place) => `the marker of "${place.name}"`),
    ...(box.left < 0 || box.top < 0 || box.right > size.width || box.bottom > size.height
      ? ["the map's edge"]
      : []),
  ];

  for (const name of [spec.focus, ...spec.countries.filter((c) => c !== spec.focus)]) {
    const geometry = countryNamed(name);
    const override = LABEL_AT[name];
    let at: [number, number] | null;
    if (override) {
      at = projectInside(projection, override[0], override[1], size);
    } else {
      const c = path.centroid(feature(loadCountries().topology, geometry));
      at = Number.isFinite(c[0]) && Number.isFinite(c[1]) ? c : null;
    }
    if (!at) throw new Error(`Locator map: country "${name}" is not visible on the map`);
    // Nudged down by a third of the font size so the label is centred vertically on its point.
    const y = at[1] + COUNTRY_FONT_PX / 3;
    const box = labelBox(at[0], y, name, COUNTRY_FONT_PX, 'middle');
    labels.push({ name, x: at[0], y, anchor: 'middle', box, clashes: clashesOf(box) });
  }

  spec.places.forEach((place, index) => {
    const { x, y } = markers[index]!;
    const gap = LABEL_GAP + (place.kind === 'area' ? 4 : 0);
    const spots = {
      right: { x: x + gap, y: y + FONT_PX / 3, anchor: 'start' },
      left: { x: x - gap, y: y + FONT_PX / 3, anchor: 'end' },
      above: { x, y: y - gap - 2, anchor: 'middle' },
      below: { x, y: y + gap + FONT_PX * 0.75, anchor: 'middle' },
    } as const;
    const tries = [place.label, ...(['right', 'left', 'above', 'below'] as const)].map((side) => {
      const box = labelBox(spots[side].x, spots[side].y, place.name, FONT_PX, spots[side].anchor);
      return { ...spots[side], box, clashes: clashesOf(box, index) };
    });
    // The first with the fewest clashes: the side asked for when it is clear or none is.
    const best = tries.reduce((best, t) => (t.clashes.length < best.clashes.length ? t : best));
    labels.push({ name: place.name, place: index, ...best });
  });
  return { markers, labels };
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
  const { topology } = loadCountries();
  const { width, height } = size;
  const { markers, labels } = layOutMap(spec, size);
  const path = geoPath(projectionFor(size)).digits(0);

  const world = topology.objects.countries;
  const land = path(merge(topology, world.geometries)) ?? '';
  // Shared borders once each, instead of every country's outline.
  const borders = path(mesh(topology, world, (a, b) => a !== b)) ?? '';
  const focusShape = path(feature(topology, countryNamed(spec.focus))) ?? '';
  const dots = markers.map(({ x, y, kind }) => {
    const cls = { capital: 'm', city: 'h', area: 'a' }[kind];
    return `<circle cx="${x}" cy="${y}" r="${RADIUS[kind]}" class="${cls}"/>`;
  });
  const texts = labels.map(({ name, place, x, y, anchor }) =>
    text(x, y, name, place !== undefined ? 'p' : name === spec.focus ? 'c cf' : 'c', anchor),
  );

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
    dots.join('') +
    texts.join('') +
    `</svg>`
  );
}
