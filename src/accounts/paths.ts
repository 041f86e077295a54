/** Where ccenv keeps the config directories of own-login profiles: $XDG_DATA_HOME/ccenv/accounts/NAME. */
import { join, relative, isAbsolute } from 'node:path';
import { dataDir, type Env } from '../paths.js';

export function accountsRoot(env: Env): string {
  return join(dataDir(env), 'accounts');
}

export function accountDir(env: Env, name: string): string {
  return join(accountsRoot(env), name);
}

/** Whether `dir` lies strictly inside the accounts root (a directory ccenv made and may delete). */
export function isInsideAccounts(env: Env, dir: string): boolean {
  const rel = relative(accountsRoot(env), dir);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.includes('/');
}
