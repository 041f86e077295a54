/**
 * `ccenv login --repair`: a broken login (malformed, expired beyond renewal, or rejected by
 * a check) is set aside as a dated, private backup before Claude Code logs in again. Only
 * the login moves: history, projects, settings and `.claude.json` are not touched. ccenv
 * never writes the login itself: the file is copied aside and removed; a macOS Keychain item
 * is copied aside and removed by Claude Code's own logout.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LoginRead, LoginStore } from '../claude/login-store.js';
import { backupFile } from '../fs/backup-file.js';
import { readBounded } from '../fs/bounded.js';
import { counts, type HealthEntry } from '../health/state.js';

/** Pure: why this login needs repair, in words; undefined when it does not (or there is none). */
export function brokenBecause(read: LoginRead, health: HealthEntry | undefined, now: number): string | undefined {
  if (read.state === 'malformed') return `is malformed (${read.why})`;
  if (read.state === 'absent' || read.state === 'unreadable') return undefined;
  if (read.state === 'present' && read.login.expiresAt !== undefined && read.login.expiresAt < now && !read.login.refreshToken) {
    return 'expired and cannot be renewed (no refresh token)';
  }
  if (counts(health, now) && (health.status === 'rejected' || health.status === 'expired')) return `was seen ${health.status} (${health.source}: ${health.detail})`;
  return undefined;
}

export interface SetAsideOptions {
  /** The config directory: where a Keychain item's backup goes. */
  dir: string;
  now: Date;
  /** Removes a Keychain item: Claude Code's own logout, never ccenv. */
  removeItem(): Promise<void>;
}

/**
 * Copies the login aside (exclusively created, mode 0600) and removes it; returns the
 * backup's path. A file that changed since it was read (a Claude Code session renewed it
 * meanwhile) is left alone.
 */
export async function setLoginAside(store: LoginStore, read: LoginRead & { bytes?: Buffer }, options: SetAsideOptions): Promise<string> {
  if (!read.bytes) throw new Error(`${store.where} was not read; nothing set aside`);
  if (store.kind === 'keychain') {
    const backup = backupFile(join(options.dir, `${store.name}.keychain`), read.bytes, options.now);
    await options.removeItem();
    return backup;
  }
  const backup = backupFile(store.name, read.bytes, options.now);
  let again: Buffer | undefined;
  try {
    again = readBounded(store.name, read.bytes.length + 1);
  } catch {
    // grown past what was read, or gone: changed all the same
  }
  if (!again?.equals(read.bytes)) {
    rmSync(backup, { force: true });
    throw new Error(`${store.where} changed while ccenv was setting it aside (a session of claude renewed it?); nothing changed: run again`);
  }
  rmSync(store.name);
  return backup;
}
