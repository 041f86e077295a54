/**
 * Finds the lines of the user's shell start-up files that set a variable: `export VAR=`,
 * `VAR=`, `declare -x VAR=`, fish's `set -gx VAR`, csh's `setenv VAR`. Follows files they
 * plainly source (`source FILE`, `. FILE` with a literal, `~` or `$HOME` path). Never runs
 * anything and never writes.
 */
import { readdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Env } from '../paths.js';
import { readBounded } from '../fs/bounded.js';

export interface RcAssignment {
  file: string;
  line: number;
  variable: string;
  /** The value as written (quotes removed), for masking and for init's region look-ups. */
  value: string;
  /** The value is written out plainly (no command, variable or escape for the shell to expand): it is what the shell sets. */
  literal: boolean;
}

/**
 * The start-up files bash, zsh, sh and fish read, in the order a login would: each system-wide
 * file (under `etc`) before the user's own of the same stage. macOS's bash and zsh read
 * /etc/profile, /etc/bashrc, /etc/zshenv, /etc/zprofile, /etc/zshrc and /etc/zlogin;
 * Debian's read /etc/bash.bashrc and /etc/zsh/*; those that do not exist are skipped.
 */
export function rcFiles(env: Env, home: string, etc = '/etc'): string[] {
  const zdot = env.ZDOTDIR || home;
  const zsh = (name: string) => [join(etc, name), join(etc, 'zsh', name), join(zdot, `.${name}`)];
  const files = [
    join(etc, 'profile'),
    join(home, '.profile'),
    join(home, '.bash_profile'),
    join(home, '.bash_login'),
    join(etc, 'bash.bashrc'),
    join(etc, 'bashrc'),
    join(home, '.bashrc'),
    ...zsh('zshenv'),
    ...zsh('zprofile'),
    ...zsh('zshrc'),
    ...zsh('zlogin'),
    join(env.XDG_CONFIG_HOME || join(home, '.config'), 'fish', 'config.fish'),
  ];
  const confD = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'fish', 'conf.d');
  try {
    for (const f of readdirSync(confD).filter((n) => n.endsWith('.fish')).sort()) files.push(join(confD, f));
  } catch {
    // no conf.d
  }
  return [...new Set(files)];
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const POSIX_ASSIGN = new RegExp(`(?:^|\\s)(${NAME})=("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s;&|]*)`, 'g');
const POSIX_PREFIX = /^(?:export|declare\s+-[a-zA-Z]*x[a-zA-Z]*|typeset\s+-[a-zA-Z]*x[a-zA-Z]*|readonly)\s+/;
const FISH_SET = new RegExp(`^set\\s+((?:-{1,2}[A-Za-z]+\\s+)*)(${NAME})(?:\\s+(.*))?$`);
const SETENV = new RegExp(`^(?:launchctl\\s+)?setenv\\s+(${NAME})(?:\\s+(.*))?$`);
const SOURCE = /(?:^|&&|;|\bthen)\s*(?:source|\.)\s+("[^"]*"|'[^']*'|[^\s;&|]+)\s*$/;

/** Whether the shell sets exactly the unquoted text: single quotes, or no `$`, backquote, backslash, quote or `(` to expand. */
export function isLiteral(text: string, fish = false): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (t.length >= 2 && t.startsWith("'") && t.endsWith("'")) return !t.slice(1, -1).includes("'") && !(fish && t.includes('\\'));
  const inner = t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  return !/[$`\\"'(){}\s*?~]/.test(inner);
}

function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) return t.slice(1, -1);
  return t;
}

/** The variables one line sets. Comments and lines inside here-documents are not told apart: a plain scan. */
export function assignmentsInLine(rawLine: string, fish: boolean): { variable: string; value: string; literal: boolean }[] {
  const line = rawLine.trim();
  if (line === '' || line.startsWith('#')) return [];
  const setenv = SETENV.exec(line);
  if (setenv) return [{ variable: setenv[1]!, value: unquote(setenv[2] ?? ''), literal: isLiteral(setenv[2] ?? '') }];
  if (fish) {
    const m = FISH_SET.exec(line);
    if (m && /(^|\s)(-[A-Za-z]*x[A-Za-z]*|--export)(\s|$)/.test(` ${m[1] ?? ''}`)) return [{ variable: m[2]!, value: unquote(m[3] ?? ''), literal: isLiteral(m[3] ?? '', true) }];
    if (m) return [];
  }
  const body = line.replace(POSIX_PREFIX, '');
  // Only assignments at the start of a command: `VAR=x`, `export A=1 B=2`, `A=1 cmd`.
  const out: { variable: string; value: string; literal: boolean }[] = [];
  const start = new RegExp(`^(${NAME})=`);
  if (!start.test(body)) return out;
  for (const m of body.matchAll(POSIX_ASSIGN)) out.push({ variable: m[1]!, value: unquote(m[2] ?? ''), literal: isLiteral(m[2] ?? '') });
  return out;
}

/** A sourced path, when it is plain enough to follow without running anything. */
export function sourcedPath(rawLine: string, home: string, env: Env): string | undefined {
  const line = rawLine.trim();
  if (line.startsWith('#')) return undefined;
  const m = SOURCE.exec(line);
  if (!m) return undefined;
  let path = unquote(m[1]!);
  path = path.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, home).replace(/^~(?=\/|$)/, home);
  if (env.ZDOTDIR) path = path.replace(/^(\$ZDOTDIR|\$\{ZDOTDIR\})(?=\/|$)/, env.ZDOTDIR);
  if (/[$`*?(){}]/.test(path)) return undefined;
  return isAbsolute(path) ? path : join(home, path);
}

/** More than any start-up file holds; past it, a file is passed over. */
const MAX_RC_BYTES = 1 << 20;

/** Every line of every start-up file and of what they plainly source, in the order a login reads them; returns the files read. */
export function visitRcFiles(env: Env, home: string, onLine: (file: string, line: number, text: string) => void, etc = '/etc'): string[] {
  const seen = new Set<string>();
  const read: string[] = [];
  const visit = (file: string, depth: number) => {
    if (seen.has(file) || depth > 5) return;
    seen.add(file);
    let text: string;
    try {
      // Bounded, and never a FIFO or a device: a line may source anything.
      text = readBounded(file, MAX_RC_BYTES).toString('utf8');
    } catch {
      return;
    }
    read.push(file);
    text.split('\n').forEach((line, i) => {
      onLine(file, i + 1, line);
      const sourced = sourcedPath(line, home, env);
      if (sourced) visit(sourced, depth + 1);
    });
  };
  for (const file of rcFiles(env, home, etc)) visit(file, 0);
  return read;
}

/** Every assignment of a variable `wanted` accepts, in every start-up file and what they source. */
export function scanRcFiles(env: Env, home: string, wanted: (name: string) => boolean, etc = '/etc'): { files: string[]; assignments: RcAssignment[] } {
  const assignments: RcAssignment[] = [];
  const files = visitRcFiles(
    env,
    home,
    (file, line, text) => {
      for (const a of assignmentsInLine(text, file.endsWith('.fish'))) if (wanted(a.variable)) assignments.push({ file, line, ...a });
    },
    etc,
  );
  return { files, assignments };
}
