/** The W3C Nu HTML Checker (vnu-jar, run on the machine's Java) on every built page. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { builtSite } from './build';

const vnuJar: string = createRequire(import.meta.url)('vnu-jar');
const pages = readdirSync(builtSite, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.html'))
  .map((file) => path.join(builtSite, file));

interface VnuMessage {
  type: string;
  url: string;
  message: string;
  extract?: string;
  lastLine?: number;
  lastColumn?: number;
}

it('Java is there to run the checker', () => {
  expect(execFileSync('java', ['-version'], { encoding: 'utf8', stdio: 'pipe' })).toBeDefined();
});

it(`the Nu HTML Checker finds no errors in the ${pages.length} built pages`, () => {
  expect(pages.length).toBeGreaterThan(1);
  // The checker's CSS validator predates features current browsers support: @property (CSS
  // Properties and Values API) and margin-trim in an @supports test, both emitted by Tailwind 4,
  // and CSS anchor positioning (position-anchor, and anchor() in top, left and bottom), which
  // places a glossary definition beside its term inside an @supports test. Only those messages
  // are left out; every other error fails the test.
  const filter =
    '.*(Unrecognized at-rule “@property”|“(margin-trim|position-anchor)”: Property “(margin-trim|position-anchor)” doesn.t exist).*';
  const run = spawnSync(
    'java',
    ['-jar', vnuJar, '--errors-only', '--format', 'json', '--filterpattern', filter, ...pages],
    {
      encoding: 'utf8',
    },
  );
  // vnu writes its JSON report to stderr and exits 1 when it finds errors.
  const report = JSON.parse(run.stderr) as { messages: VnuMessage[] };
  // anchor() in an inset: the checker reports the declaration; look it up where it points.
  const anchorFunction = (m: VnuMessage) => {
    if (!/^CSS: “(top|left|bottom)”: /.test(m.message) || !m.lastLine || !m.lastColumn) return false;
    const line = readFileSync(new URL(m.url), 'utf8').split('\n')[m.lastLine - 1] ?? '';
    return /(top|left|bottom):[^;{}]*anchor\(/.test(
      line.slice(Math.max(0, m.lastColumn - 120), m.lastColumn + 10),
    );
  };
  const errors = report.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .filter((m) => !anchorFunction(m))
    .map((m) => `${path.relative(builtSite, new URL(m.url).pathname)}: ${m.message} ${m.extract ?? ''}`);
  expect(errors).toEqual([]);
  expect(report.messages.length === 0 || run.status === 1).toBe(true);
});
