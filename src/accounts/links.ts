/**
 * The links from an own-login directory to the main Claude directory. A launch calls
 * syncLinks: two directory listings and a readlink per link, then only what differs is
 * touched. It never removes a byte: a real file where a link belongs is left for
 * `doctor --fix` (which keeps it as a dated backup), except an empty directory.
 */
import { lstatSync, readdirSync, readlinkSync, rmdirSync, symlinkSync, unlinkSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { HISTORY_ITEM, SHARED_ITEMS } from '../claude/account-files.js';

/** The state of one shared item in an account directory. */
export type LinkState =
  /** a link to the main item, which exists */
  | 'linked'
  /** the main item exists, the account has nothing there yet */
  | 'absent'
  /** neither exists: nothing to do until the main one appears */
  | 'unused'
  /** a link to the main item, which is gone */
  | 'dangling'
  /** a link to somewhere else */
  | 'elsewhere'
  /** a real file or directory where the link to an existing main item belongs */
  | 'drift'
  /** a real file or directory, and no main item: the account's own for now */
  | 'own'
  /** a link that should not be there (history linked while the profile no longer shares it) */
  | 'unwanted';

export interface ItemState {
  item: string;
  state: LinkState;
  /** Where the account's entry is. */
  path: string;
  /** The main item it should link to. */
  target: string;
  /** For a link: where it points. */
  points?: string;
  /** For drift: an empty directory, which can be replaced without losing anything. */
  empty?: boolean;
}

export interface AccountLayout {
  dir: string;
  main: string;
  sharedHistory: boolean;
}

function listing(dir: string): Map<string, Dirent> {
  try {
    return new Map(readdirSync(dir, { withFileTypes: true }).map((d) => [d.name, d]));
  } catch {
    return new Map();
  }
}

function isEmptyDir(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

/** Pure of side effects: the state of every item the account shares (or used to). */
export function linkStates(layout: AccountLayout): ItemState[] {
  const main = listing(layout.main);
  const account = listing(layout.dir);
  const items = [...SHARED_ITEMS, HISTORY_ITEM];
  const out: ItemState[] = [];
  for (const item of items) {
    const wanted = item !== HISTORY_ITEM || layout.sharedHistory;
    const path = join(layout.dir, item);
    const target = join(layout.main, item);
    const entry = account.get(item);
    const mainExists = main.has(item);
    if (!entry) {
      if (wanted) out.push({ item, path, target, state: mainExists ? 'absent' : 'unused' });
      continue;
    }
    if (entry.isSymbolicLink()) {
      let points: string;
      try {
        points = readlinkSync(path);
      } catch {
        continue;
      }
      const same = resolve(layout.dir, points) === target;
      if (!wanted) {
        if (same) out.push({ item, path, target, points, state: 'unwanted' });
        continue;
      }
      out.push({ item, path, target, points, state: !same ? 'elsewhere' : mainExists ? 'linked' : 'dangling' });
      continue;
    }
    if (!wanted) continue;
    const empty = entry.isDirectory() && isEmptyDir(path);
    out.push({ item, path, target, state: mainExists ? 'drift' : 'own', ...(empty ? { empty } : {}) });
  }
  return out;
}

/** What a launch did and left: links made, and items it would not touch. */
export interface SyncResult {
  linked: string[];
  left: ItemState[];
  errors: string[];
}

/**
 * Makes the links that are missing (and drops unwanted history links, and empty directories
 * Claude Code made before the main item existed). Leaves drift and foreign links alone.
 */
export function syncLinks(layout: AccountLayout): SyncResult {
  const result: SyncResult = { linked: [], left: [], errors: [] };
  for (const s of linkStates(layout)) {
    try {
      if (s.state === 'absent' || (s.state === 'drift' && s.empty)) {
        if (s.state === 'drift') rmdirSync(s.path);
        symlinkSync(s.target, s.path);
        result.linked.push(s.item);
      } else if (s.state === 'unwanted') {
        unlinkSync(s.path);
      } else if (s.state === 'drift' || s.state === 'elsewhere') {
        result.left.push(s);
      }
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      // Another launch of the same account made it first.
      if (e.code === 'EEXIST' && lstatSafe(s.path)?.isSymbolicLink()) continue;
      result.errors.push(`${s.item}: ${e.code ?? e.message}`);
    }
  }
  return result;
}

function lstatSafe(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
