/**
 * The shell hook: the line that installs it for the user's $SHELL (the fast form the README
 * gives, `source` of the hook file, which starts no process when a shell opens), and the line
 * of a start-up file that already installs it.
 */
import { basename, join } from 'node:path';
import type { Env } from '../paths.js';
import { visitRcFiles } from '../doctor/rc-scan.js';
import { SHELLS, shellNames, shellSourceDir } from '../shells/index.js';
import { shellWord } from '../shells/sh-word.js';

export interface HookLine {
  shell: string;
  file: string;
  line: string;
  /** Where in the file, when it matters ("after compinit"). */
  note?: string;
}

/** The line that installs the shell hook, for the user's $SHELL; all three when it is none of them. */
export function hookLines(shell: string | undefined): HookLine[] {
  let dir: string | undefined;
  try {
    dir = shellSourceDir();
  } catch {
    dir = undefined; // no hook files beside this ccenv: the printed form still works
  }
  const all: HookLine[] = SHELLS.map(({ name, hookFile, install }) => ({
    shell: name,
    file: install.file,
    line: dir ? `source ${shellWord(join(dir, hookFile))}` : install.line,
    ...(name === 'zsh' && dir ? { note: 'after compinit' } : {}),
  }));
  const name = shell ? basename(shell) : '';
  const mine = all.filter((h) => h.shell === name);
  return mine.length > 0 ? mine : all;
}

export interface InstalledHook {
  shell: string;
  file: string;
  line: number;
  /** The form that runs ccenv at every shell start (eval "$(ccenv hook ...)"), not the sourced file. */
  slow: boolean;
}

const SOURCED = /(?:^|[;&|]\s*|\bthen\s+)(?:source|\.)\s+["']?[^\s"';&|]*\bccenv\.(bash|zsh|fish)["']?(?=\s|[;&|]|$)/;
const PRINTED = /\bccenv\s+hook\s+(bash|zsh|fish)\b/;

/** The start-up file line that installs the hook for $SHELL (any shell's when $SHELL is none of them), if one does. */
export function installedHook(env: Env, home: string, shell: string | undefined): InstalledHook | undefined {
  const found: InstalledHook[] = [];
  visitRcFiles(env, home, (file, line, text) => {
    const t = text.trim();
    if (t.startsWith('#')) return;
    const sourced = SOURCED.exec(t);
    const printed = PRINTED.exec(t);
    const which = sourced?.[1] ?? printed?.[1];
    if (which) found.push({ shell: which, file, line, slow: !sourced || printed !== null });
  });
  const name = shell ? basename(shell) : '';
  if (shellNames().includes(name)) return found.find((h) => h.shell === name);
  return found[0];
}
