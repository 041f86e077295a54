/**
 * Extra Claude config directories a user already keeps for other accounts: `~/.claude-*`
 * holding a login, and the CLAUDE_CONFIG_DIR values their start-up files set. Each becomes
 * a subscription profile pointing at it (ccenv manages nothing in it).
 */
import { readdirSync, realpathSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { scanRcFiles } from '../doctor/rc-scan.js';
import type { Env } from '../paths.js';
import { isValidProfileName } from '../profiles/names.js';

export interface FoundConfigDir {
  dir: string;
  /** For people: "~/.claude-work", "~/.bashrc:12". */
  label: string;
  file?: string;
}

function expand(value: string, home: string): string | undefined {
  const path = value.replace(/^(\$HOME|\$\{HOME\}|~)(?=\/|$)/, home);
  return isAbsolute(path) && !/[$`*?]/.test(path) ? path : undefined;
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Every extra directory holding a login (`hasLogin`), each once, the main ~/.claude left out. */
export function extraConfigDirs(env: Env, home: string, hasLogin: (dir: string) => boolean): FoundConfigDir[] {
  const found: FoundConfigDir[] = [];
  const seen = new Set([real(join(home, '.claude'))]);
  const add = (dir: string, label: string, file?: string) => {
    const key = real(dir);
    if (seen.has(key) || !hasLogin(dir)) return;
    seen.add(key);
    found.push({ dir, label, ...(file ? { file } : {}) });
  };
  for (const a of scanRcFiles(env, home, (name) => name === 'CLAUDE_CONFIG_DIR').assignments) {
    const dir = expand(a.value, home);
    if (dir) add(dir, `${a.file}:${a.line}`, a.file);
  }
  let names: string[] = [];
  try {
    names = readdirSync(home).filter((n) => n.startsWith('.claude-')).sort();
  } catch {
    // no home to list
  }
  for (const n of names) add(join(home, n), join(home, n));
  return found;
}

/** `subscription-work` for ~/.claude-work; `subscription-2`, ... when that is not a name. */
export function nameForConfigDir(dir: string, taken: (name: string) => boolean): string {
  const base = basename(dir).replace(/^\.+/, '').replace(/^claude-/, '').replace(/[^A-Za-z0-9._-]/g, '-');
  const first = `subscription-${base}`;
  if (isValidProfileName(first) && !taken(first)) return first;
  for (let n = 2; ; n++) if (!taken(`subscription-${n}`)) return `subscription-${n}`;
}
