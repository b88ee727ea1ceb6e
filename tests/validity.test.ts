/** The W3C Nu HTML Checker (vnu-jar, run on the machine's Java) on every built page. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
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
}

it('Java is there to run the checker', () => {
  expect(execFileSync('java', ['-version'], { encoding: 'utf8', stdio: 'pipe' })).toBeDefined();
});

it(`the Nu HTML Checker finds no errors in the ${pages.length} built pages`, () => {
  expect(pages.length).toBeGreaterThan(1);
  // The checker's CSS validator predates features current browsers support: @property (CSS
  // Properties and Values API) and margin-trim in an @supports test, both emitted by Tailwind 4,
  // and CSS anchor positioning (position-area, position-try-fallbacks), which places a glossary
  // definition beside its term inside an @supports test. Only those messages are filtered;
  // every other error fails the test.
  const unknown = ['margin-trim', 'position-area', 'position-try-fallbacks'].join('|');
  const filter = `.*(Unrecognized at-rule “@property”|“(${unknown})”: Property “(${unknown})” doesn.t exist).*`;
  const run = spawnSync(
    'java',
    ['-jar', vnuJar, '--errors-only', '--format', 'json', '--filterpattern', filter, ...pages],
    {
      encoding: 'utf8',
    },
  );
  // vnu writes its JSON report to stderr and exits 1 when it finds errors.
  const report = JSON.parse(run.stderr) as { messages: VnuMessage[] };
  const errors = report.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => `${path.relative(builtSite, new URL(m.url).pathname)}: ${m.message} ${m.extract ?? ''}`);
  expect(errors).toEqual([]);
  expect(run.status).toBe(0);
});
