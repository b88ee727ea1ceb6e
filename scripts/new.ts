/**
 * `npm run new -- <folder-name>`: starts a new explainer in content/explainers/<folder-name>/ with
 * the three files every explainer needs, filled with placeholder text that passes every check.
 * It starts as a draft: `npm run dev` shows it, a build leaves it out until `draft: true` is
 * removed from its explainer.yaml.
 *
 *   npm run new -- election-explained --report-date 2021-03-18
 *
 * The report date is the day of the events, which only the editor knows: today is almost never
 * it. Without --report-date the report, source and event dates are left as YYYY-MM-DD, which
 * the build refuses with a plain message until they are written.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { folderNameProblem } from '../src/lib/content/files.ts';
import { DATE_PLACEHOLDER, parsePartialDate } from '../src/lib/dates.ts';

/**
 * The files of a new explainer, by path inside its folder. `reportDate` (also the placeholder
 * source's and event's date) is YYYY-MM-DD when not known; `today` is the day the text changed.
 */
export function scaffoldFiles(today: string, reportDate = DATE_PLACEHOLDER): Record<string, string> {
  return {
    'explainer.yaml': `title: The headline of the new explainer
dek: One or two sentences under the headline. Link previews and the home page show them too.
reportDate: '${reportDate}' # the day of the events the explainer reports
updated: '${today}' # the day the text last changed
draft: true # remove this line to publish the explainer
keyPoints:
  - The first thing a reader should take away.
  - The second thing.
  - The third thing.
sources:
  - id: first-source
    publisher: The outlet or issuer
    description: What the source is; for a report with a headline, write title and its exact headline instead
    date: '${reportDate}'
    url: https://example.org/
`,
    'sections/01-what-happened.mdx': `---
title: What happened?
slug: what-happened
order: 1
summary: One or two sentences on what this section says. They become its share card.
---

Write the section here, in Markdown. Cite a source with a footnote.[^1]

[^1]: The outlet or issuer, the day it published. [example.org](https://example.org/)
`,
    'timeline.yaml': `events:
  - date: '${reportDate}'
    title: A few words on what happened
    text: One sentence on it.
    section: what-happened
    source: first-source
`,
  };
}

/** Writes a new explainer folder; returns the problem instead when the name or folder is not free. */
export function scaffold(
  contentDir: string,
  name: string,
  today: string,
  reportDate?: string,
): string | undefined {
  const problem = folderNameProblem(name);
  if (problem) return problem;
  if (reportDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(reportDate)) {
    return `--report-date ${reportDate}: write the day of the events as YYYY-MM-DD, e.g. 2021-03-18`;
  }
  const date = reportDate === undefined ? undefined : parsePartialDate(reportDate);
  if (typeof date === 'string') return `--report-date: ${date}`;
  const dir = path.join(contentDir, name);
  if (existsSync(dir)) return `${dir} already exists`;
  for (const [file, text] of Object.entries(scaffoldFiles(today, reportDate))) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return undefined;
}

if (import.meta.main) {
  const usage = 'npm run new -- <folder-name> --report-date YYYY-MM-DD';
  let args: ReturnType<typeof parse>;
  const parse = () => parseArgs({ allowPositionals: true, options: { 'report-date': { type: 'string' } } });
  try {
    args = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: ${usage}`);
    process.exit(1);
  }
  const [name] = args.positionals;
  const reportDate = args.values['report-date'];
  const contentDir = process.env.CONTENT_DIR ?? 'content/explainers';
  const problem = name
    ? scaffold(contentDir, name, new Date().toISOString().slice(0, 10), reportDate)
    : `name the folder: ${usage}`;
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  console.log(`Started ${path.join(contentDir, name!)}/ as a draft: explainer.yaml, sections/01-what-happened.mdx, timeline.yaml.
See it with npm run dev; remove "draft: true" from explainer.yaml to publish it.`);
  if (reportDate === undefined) {
    console.log(`No --report-date given: write the day of the events where the files say ${DATE_PLACEHOLDER}
(reportDate in explainer.yaml, the source's date and the event's date); until then the build refuses it.`);
  }
}
