/**
 * Backups that doctor --fix and init left in ccenv's data directory (<data dir>/backups), or
 * next to settings files (earlier versions put them there): they hold the credential
 * that was removed. One readable by others is a problem (chmod 600 is a safe fix); a private
 * one is a warning, to delete once it is no longer needed.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { claudeConfigDir, settingsPaths } from '../claude/settings.js';
import { readBounded } from '../fs/bounded.js';
import { BACKUP_MARK } from '../fs/backup-file.js';
import { backupsDir } from '../paths.js';
import { tilde, type Check, type DoctorInput, type Finding } from './finding.js';
import { isClaudeVariable } from './variables.js';

const MAX_BYTES = 1 << 20;

/** Every ccenv backup of a settings file doctor knows about. */
function backupPaths(input: DoctorInput): string[] {
  const files = settingsPaths(input.env, input.cwd)
    .filter((p) => p.layer !== 'managed')
    .map((p) => p.path);
  for (const [, profile] of input.profiles) {
    if (profile.kind === 'subscription' && profile.configDir) files.push(join(claudeConfigDir(input.env, profile.configDir), 'settings.json'));
  }
  const out = new Set<string>();
  try {
    const dir = backupsDir(input.env);
    for (const name of readdirSync(dir).sort()) if (name.includes(BACKUP_MARK)) out.add(join(dir, name));
  } catch {
    // No backups made yet.
  }
  for (const file of new Set(files)) {
    let names: string[];
    try {
      names = readdirSync(dirname(file));
    } catch {
      continue;
    }
    for (const name of names.sort()) if (name.startsWith(`${basename(file)}${BACKUP_MARK}`)) out.add(join(dirname(file), name));
  }
  return [...out];
}

/** The credential variables in a backup's env block (read tolerantly: a backup may be of a file with a trailing comma). */
async function credentialsIn(path: string): Promise<string[]> {
  const { parse } = await import('jsonc-parser');
  let text: string;
  try {
    text = readBounded(path, MAX_BYTES).toString('utf8');
  } catch {
    return [];
  }
  const data = parse(text, [], { allowTrailingComma: true }) as { env?: unknown } | undefined;
  const env = data && typeof data === 'object' ? data.env : undefined;
  return env && typeof env === 'object' ? Object.keys(env).filter(isClaudeVariable) : [];
}

export const backups: Check = {
  name: 'settings backups',
  async run(input) {
    const out: Finding[] = [];
    for (const path of backupPaths(input)) {
      const held = await credentialsIn(path);
      if (held.length === 0) continue;
      const shown = tilde(path, input.home);
      const mode = statSync(path).mode & 0o777;
      if ((mode & 0o077) !== 0 && process.platform !== 'win32') {
        out.push({
          id: 'backup.readable',
          severity: 'error',
          what: `the backup ${shown} holds ${held.join(', ')} and is readable by others (mode ${mode.toString(8).padStart(4, '0')})`,
          where: { file: path },
          why: 'anyone on this machine who can read it can use that credential',
          fix: `chmod 600 ${shown}, or delete it (rm ${shown}) once you no longer need it`,
          fixable: { kind: 'chmod', file: path, mode: 0o600 },
        });
      } else {
        out.push({
          id: 'backup.credential',
          severity: 'warning',
          what: `the backup ${shown} holds ${held.join(', ')}`,
          where: { file: path },
          why: 'a copy of a credential outside the keychain',
          fix: `delete it once you no longer need it: rm ${shown}`,
        });
      }
    }
    return out;
  },
};
