/**
 * A repository's shared profile definitions: `ccenv.json` at its root (the directory holding
 * `.git`), written by `ccenv export`. Found only to name it in a message; never applied
 * without `ccenv import` and the user's yes.
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';

export const DEFINITIONS_FILE = 'ccenv.json';

function exists(path: string, directory: boolean): boolean {
  try {
    const stat = statSync(path);
    return directory ? stat.isDirectory() || stat.isFile() : stat.isFile();
  } catch {
    return false;
  }
}

/** `ccenv.json` at the root of the repository that holds `dir`, if there is one. */
export function repositoryDefinitions(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    // `.git` is a directory, or a file in a worktree or submodule.
    if (exists(join(current, '.git'), true)) {
      const file = join(current, DEFINITIONS_FILE);
      return exists(file, false) ? file : undefined;
    }
    if (dirname(current) === current) return undefined;
  }
}

/** The file as the user would type it from `cwd`: relative below cwd, else as given. */
export function pathFrom(cwd: string | undefined, file: string, absolute: string): string {
  if (cwd === undefined) return absolute;
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}
