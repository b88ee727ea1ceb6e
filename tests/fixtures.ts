/**
 * Small explainers made on the fly: the one `npm run new` writes, copied into a folder of a test's
 * own and changed in one place, so each test shows what one mistake or one hostile input does.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { scaffold } from '../scripts/new';

/** The report date the scaffold is given in tests, so messages do not depend on the day. */
export const TODAY = '2021-03-18';

/** A scratch folder for this test file, removed after it. */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Fixture {
  /** The content folder (what CONTENT_DIR points at). */
  dir: string;
  /** Writes a file of an explainer, folders made as needed. */
  write(file: string, text: string): void;
  /** Changes a file of an explainer; a change that matches nothing is a broken test, and throws. */
  edit(file: string, change: (text: string) => string): void;
  read(file: string): string;
}

/** A content folder holding the scaffolded explainer `story` (not a draft), ready to change. */
export function fixture(parent: string, name: string, ids: string[] = ['story']): Fixture {
  const dir = path.join(parent, name, 'content');
  mkdirSync(dir, { recursive: true });
  for (const id of ids) {
    const problem = scaffold(dir, id, TODAY, TODAY);
    if (problem) throw new Error(problem);
  }
  const fix: Fixture = {
    dir,
    write(file, text) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    },
    read: (file) => readFileSync(path.join(dir, file), 'utf8'),
    edit(file, change) {
      const before = fix.read(file);
      const after = change(before);
      if (after === before) throw new Error(`the fixture edit changed nothing in ${file}`);
      fix.write(file, after);
    },
  };
  for (const id of ids) fix.edit(`${id}/explainer.yaml`, (text) => text.replace(/^draft: true.*\n/m, ''));
  return fix;
}

/** The section file and the explainer file of the scaffold, for edits. */
export const SECTION = 'story/sections/01-what-happened.mdx';
export const EXPLAINER = 'story/explainer.yaml';
export const TIMELINE = 'story/timeline.yaml';
