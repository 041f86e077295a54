/**
 * Deleting an own-login directory with its profile: only a real directory inside
 * $XDG_DATA_HOME/ccenv/accounts, and never through a link. The links inside it are removed
 * as links: what they point to in the main Claude directory stays.
 */
import { lstatSync, rmSync } from 'node:fs';
import type { Env } from '../paths.js';
import { isInsideAccounts } from './paths.js';

/** Deletes the directory; returns why it was kept instead, when it was. */
export function deleteAccountDir(env: Env, dir: string): string | undefined {
  if (!isInsideAccounts(env, dir)) return `${dir} is not a directory ccenv made: kept`;
  let stat;
  try {
    stat = lstatSync(dir);
  } catch {
    return undefined; // already gone
  }
  if (stat.isSymbolicLink() || !stat.isDirectory()) return `${dir} is not a plain directory (a link?): kept, nothing followed`;
  // rm never follows a symbolic link it meets: it removes the link itself.
  rmSync(dir, { recursive: true });
  return undefined;
}
