/**
 * `doctor --fix`: the safe, local fixes only. A settings file is rewritten only when it
 * parses strictly, with the variable taken out of its env block and everything else kept
 * as written (jsonc-parser edits), after a private (0600) backup next to it. Modes are changed in place.
 * Start-up files are never edited.
 */
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { backupFile } from './backup-file.js';
import type { Fix } from './finding.js';
import { tilde } from './finding.js';

export interface FixResult {
  fix: Fix;
  applied: boolean;
  /** What happened, for people. */
  message: string;
  backup?: string;
}

export function describeFix(fix: Fix, home: string): string {
  if (fix.kind === 'chmod') return `chmod ${fix.mode.toString(8)} ${tilde(fix.file, home)}`;
  return `remove ${fix.variable} from the env block of ${tilde(fix.file, home)}`;
}

function indentOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /\n([ \t]+)"/.exec(text);
  if (m && m[1]!.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: m ? m[1]!.length : 2 };
}

/** Removes variables from a settings file's env block; the file must parse strictly first and after. */
async function removeEnvVariables(file: string, variables: string[], now: Date, home: string): Promise<Omit<FixResult, 'fix'>> {
  const { applyEdits, modify, parseTree, findNodeAtLocation } = await import('jsonc-parser');
  const strict = { allowTrailingComma: false, disallowComments: true } as const;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { applied: false, message: `cannot read ${tilde(file, home)}: ${(error as Error).message}; nothing changed` };
  }
  const errors: import('jsonc-parser').ParseError[] = [];
  const root = parseTree(text, errors, strict);
  if (errors.length > 0 || !root) {
    return { applied: false, message: `${tilde(file, home)} does not parse; ccenv never rewrites such a file (fix its JSON by hand first)` };
  }
  let next = text;
  const present = variables.filter((v) => findNodeAtLocation(root, ['env', v]));
  if (present.length === 0) return { applied: true, message: `already gone from ${tilde(file, home)}` };
  const formattingOptions = { ...indentOf(text), eol: text.includes('\r\n') ? '\r\n' : '\n' };
  for (const variable of present) next = applyEdits(next, modify(next, ['env', variable], undefined, { formattingOptions }));
  // An env block left empty goes too: no "env": {} behind.
  const left = parseTree(next, [], strict);
  const envNode = left && findNodeAtLocation(left, ['env']);
  if (envNode?.type === 'object' && (envNode.children ?? []).length === 0) next = applyEdits(next, modify(next, ['env'], undefined, { formattingOptions }));
  const after: import('jsonc-parser').ParseError[] = [];
  const check = parseTree(next, after, strict);
  if (after.length > 0 || !check || present.some((v) => findNodeAtLocation(check, ['env', v]))) {
    return { applied: false, message: `could not edit ${tilde(file, home)} safely; nothing changed` };
  }
  const backup = backupFile(file, text, now);
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(file, next, { mode: statSync(file).mode & 0o777 });
  return {
    applied: true,
    backup,
    message: `removed ${present.join(', ')} from ${tilde(file, home)}; backup ${tilde(backup, home)} (mode 0600) holds the removed ${present.join(', ')}: delete it once you no longer need it`,
  };
}

/** Applies the fixes, one file at a time, in the order given. */
export async function applyFixes(fixes: readonly Fix[], now: Date, home: string): Promise<FixResult[]> {
  const results: FixResult[] = [];
  const envFixes = new Map<string, Extract<Fix, { kind: 'remove-env-variable' }>[]>();
  for (const fix of fixes) {
    if (fix.kind === 'remove-env-variable') envFixes.set(fix.file, [...(envFixes.get(fix.file) ?? []), fix]);
  }
  for (const [file, group] of envFixes) {
    const result = await removeEnvVariables(file, group.map((f) => f.variable), now, home);
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
  return results;
}
