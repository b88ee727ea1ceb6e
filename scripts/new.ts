/**
 * `npm run new -- <folder-name>`: starts a new explainer in content/explainers/<folder-name>/ with
 * the three files every explainer needs, filled with placeholder text that passes every check.
 * It starts as a draft: `npm run dev` shows it, a build leaves it out until `draft: true` is
 * removed from its explainer.yaml.
 *
 *   npm run new -- election-explained
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { folderNameProblem } from '../src/lib/content/files.ts';

/** The files of a new explainer, by path inside its folder. */
export function scaffoldFiles(today: string): Record<string, string> {
  return {
    'explainer.yaml': `title: The headline of the new explainer
dek: One or two sentences under the headline. Link previews and the home page show them too.
reportDate: '${today}' # the day of the events the explainer reports
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
    date: '${today}'
    url: https://example.org/
`,
    'sections/01-what-happened.mdx': `---
title: What happened?
slug: what-happened
order: 1
summary: One or two sentences on what this section says. They become its share card.
---

Write the section here, in Markdown. Cite a source with a footnote.[^1]

[^1]: The outlet or issuer, ${today}. [example.org](https://example.org/)
`,
    'timeline.yaml': `events:
  - date: '${today}'
    title: A few words on what happened
    text: One sentence on it.
    section: what-happened
    source: first-source
`,
  };
}

/** Writes a new explainer folder; returns the problem instead when the name or folder is not free. */
export function scaffold(contentDir: string, name: string, today: string): string | undefined {
  const problem = folderNameProblem(name);
  if (problem) return problem;
  const dir = path.join(contentDir, name);
  if (existsSync(dir)) return `${dir} already exists`;
  for (const [file, text] of Object.entries(scaffoldFiles(today))) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return undefined;
}

if (import.meta.main) {
  const name = process.argv[2];
  const contentDir = process.env.CONTENT_DIR ?? 'content/explainers';
  const problem = name
    ? scaffold(contentDir, name, new Date().toISOString().slice(0, 10))
    : 'name the folder: npm run new -- <folder-name>';
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  console.log(`Started ${path.join(contentDir, name!)}/ as a draft: explainer.yaml, sections/01-what-happened.mdx, timeline.yaml.
See it with npm run dev; remove "draft: true" from explainer.yaml to publish it.`);
}
