/**
 * What counts as a content file, decided once: every reader of content/ (the build's loaders,
 * `npm run review`, the tests) lists files through here. Hidden files and editors' lock, swap
 * and backup files are never content; links are refused, so a file can only be what it says.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { MAX_NAME_LENGTH } from './limits.ts';
import { NAME, NAME_RULE } from './schemas.ts';

/**
 * Names the site itself uses at its root, which an explainer folder would collide with. Names
 * starting with "_" or "." or holding a dot ("feed.xml", "robots.txt", "sitemap-index.xml")
 * already fail the name pattern.
 */
export const RESERVED_NAMES = ['og', '404', 'images', 'topics', 'people', 'terms', 'search', 'pagefind'];

/** Hidden files, Emacs locks and autosaves (.#x, #x#), backups (x~) and swap files are not content. */
export function isEditorFile(name: string): boolean {
  return name.startsWith('.') || name.startsWith('#') || name.endsWith('~') || /\.(swp|swo|tmp|bak|orig)$/.test(name);
}

/** A folder's entries that are content, sorted; editor files left out. */
function entries(dir: string) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !isEditorFile(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
};

/** How a path is named in messages: relative to the project when inside it. */
export const displayPath = shown;

export interface ExplainerFolder {
  /** The folder name: the explainer's id and URL path. */
  id: string;
  dir: string;
  /** Files present, relative to the folder ("sections/01-a.mdx", "charts/b.yaml", "map.yaml"). */
  files: string[];
}

/** Why a folder name cannot be an explainer's URL, or undefined when it can. */
export function folderNameProblem(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return `the folder name is ${name.length} characters long; at most ${MAX_NAME_LENGTH}`;
  if (!NAME.test(name)) return `the folder name "${name}" cannot be a URL: use ${NAME_RULE}`;
  if (RESERVED_NAMES.includes(name)) return `the folder name "${name}" is used by the site itself (${RESERVED_NAMES.join(', ')}); choose another`;
  return undefined;
}

/** The files of one explainer folder that the build reads, and what else is there that it will not. */
function folderFiles(dir: string): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  const add = (relative: string) => {
    const full = path.join(dir, relative);
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) {
      problems.push(`${shown(full)}: is a symbolic link; a content file must be a plain file in the folder`);
    } else if (!stat.isFile()) {
      problems.push(`${shown(full)}: is a folder (or another kind of entry), not a file; rename or remove it`);
    } else files.push(relative);
  };
  for (const entry of entries(dir)) {
    if ((entry.name === 'sections' || entry.name === 'charts') && entry.isDirectory()) {
      const extension = entry.name === 'sections' ? '.mdx' : '.yaml';
      for (const inner of entries(path.join(dir, entry.name))) {
        const where = shown(path.join(dir, entry.name, inner.name));
        if (!inner.name.endsWith(extension)) {
          problems.push(`${where}: is not a ${extension} file, so the build would ignore it; rename or remove it`);
        } else if (inner.name.length - extension.length > MAX_NAME_LENGTH) {
          problems.push(`${where}: the file name is too long; at most ${MAX_NAME_LENGTH} characters before ${extension}`);
        } else if (!NAME.test(inner.name.slice(0, -extension.length))) {
          problems.push(`${where}: name the file with ${NAME_RULE}${entry.name === 'sections' ? ', e.g. 03-stalled-talks.mdx' : ''}`);
        } else add(`${entry.name}/${inner.name}`);
      }
    } else if (entry.name.endsWith('.yaml')) {
      add(entry.name);
    } else {
      problems.push(
        `${shown(path.join(dir, entry.name))}: is not a file the build reads (*.yaml, sections/*.mdx, charts/*.yaml); rename or remove it`,
      );
    }
  }
  return { files, problems };
}

/** The explainer folders below `contentDir`, with problems for names that cannot be published. */
export function explainerFolders(contentDir: string): { folders: ExplainerFolder[]; problems: string[] } {
  const folders: ExplainerFolder[] = [];
  const problems: string[] = [];
  // The content root itself is a plain folder too: a link would publish whatever it points at.
  if (lstatSync(contentDir).isSymbolicLink()) {
    return { folders, problems: [`${shown(contentDir)}: is a symbolic link; the content folder must be a plain folder`] };
  }
  for (const entry of entries(contentDir)) {
    const dir = path.join(contentDir, entry.name);
    if (entry.isSymbolicLink()) {
      problems.push(`${shown(dir)}: is a symbolic link; an explainer must be a plain folder`);
      continue;
    }
    if (!entry.isDirectory()) continue;
    const nameProblem = folderNameProblem(entry.name);
    if (nameProblem) {
      problems.push(`${shown(dir)}: ${nameProblem}`);
      continue;
    }
    const { files, problems: fileProblems } = folderFiles(dir);
    problems.push(...fileProblems);
    folders.push({ id: entry.name, dir, files });
  }
  return { folders, problems };
}
