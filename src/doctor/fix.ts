/**
 * `doctor --fix`: the safe, local fixes only. A settings file is rewritten only when it
 * parses strictly, with the variable taken out of its env block and everything else kept
 * as written (jsonc-parser edits), after a private (0600) backup in ccenv's data directory
 * (<data dir>/backups, never beside the file: that may be a repository's working tree). Modes are changed in place.
 * Start-up files are never edited.
 */
import { chmodSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { encodeSettings, readSettingsText, type SettingsEncoding } from '../claude/settings.js';
import { replaceFile } from '../fs/replace.js';
import { backupFile } from '../fs/backup-file.js';
import type { FileFix, Fix } from './finding.js';
import { tilde } from './finding.js';

export interface FixResult {
  fix: Fix;
  applied: boolean;
  /** What happened, for people. */
  message: string;
  backup?: string;
}

export function describeFix(fix: Fix, home: string): string {
  if (fix.kind === 'repair-login') return `set the broken login of ${fix.profile} aside (a dated backup, mode 0600) and log in again: ccenv login --repair ${fix.profile}`;
  if (fix.kind === 'chmod') return `chmod ${fix.mode.toString(8)} ${tilde(fix.file, home)}`;
  if (fix.kind === 'relink') return `link ${tilde(fix.file, home)} to ${tilde(fix.target, home)}`;
  return `remove ${fix.variable} from the env block of ${tilde(fix.file, home)}`;
}

function indentOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /\n([ \t]+)"/.exec(text);
  if (m && m[1]!.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: m ? m[1]!.length : 2 };
}

type Edit = { next: string; present: string[] } | { refuse: string };

/** Every occurrence of `variable` in every top-level env block (JSON.parse keeps the last one). */
function occurrences(root: import('jsonc-parser').Node, variable: string): import('jsonc-parser').Node[] {
  const out: import('jsonc-parser').Node[] = [];
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key?.value !== 'env' || value?.type !== 'object') continue;
    for (const entry of value.children ?? []) if (entry.children?.[0]?.value === variable) out.push(entry);
  }
  return out;
}

/** Pure: the text with the variables taken out of its env block (every copy), or why not. */
async function editEnvText(text: string, variables: readonly string[]): Promise<Edit> {
  const { applyEdits, modify, parseTree, findNodeAtLocation, getNodeValue } = await import('jsonc-parser');
  const strict = { allowTrailingComma: false, disallowComments: true } as const;
  const errors: import('jsonc-parser').ParseError[] = [];
  const root = parseTree(text, errors, strict);
  if (errors.length > 0 || !root) return { refuse: 'does not parse; ccenv never rewrites such a file (fix its JSON by hand first)' };
  const present = variables.filter((v) => occurrences(root, v).length > 0);
  for (const v of present) {
    const values = new Set(occurrences(root, v).map((n) => JSON.stringify(getNodeValue(n.children![1]!))));
    // Removing only the copy that takes effect would bring the other one back into effect.
    if (values.size > 1) return { refuse: `sets ${v} ${occurrences(root, v).length} times with different values; ccenv removes none of them (keep the one you mean by hand)` };
  }
  const formattingOptions = { ...indentOf(text), eol: text.includes('\r\n') ? '\r\n' : '\n' };
  let next = text;
  for (const v of present) {
    for (let i = 0; i < 100; i++) {
      const tree = parseTree(next, [], strict);
      if (!tree || !findNodeAtLocation(tree, ['env', v])) break;
      next = applyEdits(next, modify(next, ['env', v], undefined, { formattingOptions }));
    }
  }
  // An env block left empty goes too: no "env": {} behind.
  const left = parseTree(next, [], strict);
  const envNode = left && findNodeAtLocation(left, ['env']);
  if (envNode?.type === 'object' && (envNode.children ?? []).length === 0) next = applyEdits(next, modify(next, ['env'], undefined, { formattingOptions }));
  const after: import('jsonc-parser').ParseError[] = [];
  const check = parseTree(next, after, strict);
  if (after.length > 0 || !check || present.some((v) => occurrences(check, v).length > 0)) return { refuse: 'could not be edited safely; nothing changed' };
  return { next, present };
}

/**
 * Removes variables from a settings file's env block; the file must parse strictly first and
 * after. The file is read again just before the write, and the edit made again on what a
 * concurrent writer left. A file with several hard links is written in place (a rename would
 * split the link, and the other name would keep the secret).
 */
export async function removeEnvVariables(file: string, variables: string[], now: Date, home: string, backups: string, hooks: { afterRead?: () => void } = {}): Promise<Omit<FixResult, 'fix'>> {
  const shown = tilde(file, home);
  // Decoded as Claude Code does, and written back in the same encoding (a byte-order mark kept);
  // backed up as the bytes that were read.
  const read = (): { text: string; encoding: SettingsEncoding; bytes: Buffer } | Error => {
    try {
      return readSettingsText(file);
    } catch (error) {
      return error as Error;
    }
  };
  let current = read();
  for (let attempt = 0; ; attempt++) {
    if (current instanceof Error) return { applied: false, message: `cannot read ${shown}: ${current.message}; nothing changed` };
    const edit = await editEnvText(current.text, variables);
    if ('refuse' in edit) return { applied: false, message: `${shown} ${edit.refuse}` };
    if (edit.present.length === 0) return { applied: true, message: `already gone from ${shown}` };
    hooks.afterRead?.();
    const again = read();
    if (again instanceof Error || !again.bytes.equals(current.bytes)) {
      if (attempt >= 3) return { applied: false, message: `${shown} keeps changing while ccenv edits it; nothing changed (run again later)` };
      current = again;
      continue;
    }
    const { encoding } = current;
    // Into ccenv's own directory: a backup beside a project's settings file would sit in its working tree, for the next commit.
    let backup: string;
    try {
      backup = backupFile(file, current.bytes, now, { dir: backups, home });
    } catch (error) {
      return { applied: false, message: `cannot back up ${shown} in ${tilde(backups, home)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; nothing changed` };
    }
    const stat = statSync(file);
    const bytes = encodeSettings(edit.next, encoding);
    if (stat.nlink > 1) writeFileSync(file, bytes);
    // Written beside the real file (a symlinked settings file keeps its link), never through a temporary name another user could plant.
    else replaceFile(realpathSync(file), bytes, { mode: stat.mode & 0o777, exact: true });
    const removed = edit.present.join(', ');
    return {
      applied: true,
      backup,
      message: `removed ${removed} from ${shown}; backup ${tilde(backup, home)} (mode 0600) holds the removed ${removed}: delete it once you no longer need it`,
    };
  }
}

/** Applies the fixes, one file at a time, in the order given. */
/** `backups`: where settings files are backed up before an edit (paths.ts backupsDir). */
export async function applyFixes(fixes: readonly FileFix[], now: Date, home: string, backups: string): Promise<FixResult[]> {
  const results: FixResult[] = [];
  const envFixes = new Map<string, Extract<Fix, { kind: 'remove-env-variable' }>[]>();
  for (const fix of fixes) {
    if (fix.kind === 'remove-env-variable') envFixes.set(fix.file, [...(envFixes.get(fix.file) ?? []), fix]);
  }
  for (const [file, group] of envFixes) {
    const result = await removeEnvVariables(file, group.map((f) => f.variable), now, home, backups);
    for (const fix of group) results.push({ fix, ...result });
  }
  for (const fix of fixes) {
    if (fix.kind !== 'chmod') continue;
    try {
      const before = statSync(fix.file).mode & 0o777;
      chmodSync(fix.file, fix.mode);
      results.push({ fix, applied: true, message: `${tilde(fix.file, home)}: mode ${before.toString(8).padStart(4, '0')} -> ${fix.mode.toString(8).padStart(4, '0')}` });
    } catch (error) {
      results.push({ fix, applied: false, message: `cannot chmod ${tilde(fix.file, home)}: ${(error as Error).message}` });
    }
  }
  for (const fix of fixes) if (fix.kind === 'relink') results.push(await relink(fix, now, home));
  return results;
}

async function relink(fix: Extract<Fix, { kind: 'relink' }>, now: Date, home: string): Promise<FixResult> {
  const { repairLink } = await import('./relink.js');
  try {
    const { message, backup } = repairLink(fix.file, fix.target, now);
    return { fix, applied: true, message: tilde(message, home).split(`${home}/`).join('~/'), ...(backup ? { backup } : {}) };
  } catch (error) {
    return { fix, applied: false, message: `cannot link ${tilde(fix.file, home)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; nothing lost` };
  }
}
