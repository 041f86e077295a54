/**
 * What the hook watches between scope checks, so that a prompt notices an edit of the
 * .ccprofile in use or a change of trust (`ccenv allow` / `deny` typed directly) with
 * builtins only, as direnv does with its files' mtimes. Before the hook's ccenv reads the
 * file, it touches a stamp of that shell's own; at each prompt the hook compares, with the
 * shell's `-nt` test, the file and the trust record directories against that stamp. A newer
 * one means a change since the check: the hook checks again (one process), which touches
 * the stamp anew. Nothing here opens the .ccprofile.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, type Env } from '../paths.js';
import { isAlive } from '../process-alive.js';
import { trustDir } from '../trust/records.js';
import type { Shell } from './types.js';

const PID_RE = /^[1-9][0-9]{0,9}$/;

/** Touches the stamp of the shell `shellPid`, drops those of shells gone, and returns the code that tells the hook what to compare. */
export function watchCode(env: Env, shell: Shell, shellPid: string): string {
  if (!PID_RE.test(shellPid)) return '';
  const dir = join(dataDir(env), 'shells');
  const stamp = join(dir, shellPid);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(dir)) {
      if (name !== shellPid && PID_RE.test(name) && !isAlive(Number(name))) rmSync(join(dir, name), { force: true });
    }
    writeFileSync(stamp, '', { mode: 0o600 });
  } catch {
    return ''; // nowhere to keep a stamp: the hook checks again only on a cd
  }
  const trust = trustDir(env);
  return [
    shell.assign('_ccenv_stamp', stamp),
    shell.assign('_ccenv_allowdir', join(trust, 'allow')),
    shell.assign('_ccenv_denydir', join(trust, 'deny')),
  ].join('\n').concat('\n');
}
