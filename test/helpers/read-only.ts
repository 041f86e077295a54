/**
 * Makes a directory read-only for the tests, the way a read-only mount or a full disk
 * would: as root (whom file modes do not stop) by a read-only bind mount of it onto itself,
 * otherwise by its mode. Returns the undo.
 */
import { chmodSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export function makeReadOnly(dir: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('mount', ['--bind', dir, dir]);
    execFileSync('mount', ['-o', 'remount,bind,ro', dir]);
    return () => execFileSync('umount', [dir]);
  }
  chmodSync(dir, 0o555);
  return () => chmodSync(dir, 0o755);
}
