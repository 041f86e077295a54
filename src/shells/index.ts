/** The shells ccenv integrates with: adding one is adding a file and a line here. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageError } from '../errors.js';
import { bash } from './bash.js';
import { fish } from './fish.js';
import type { Shell } from './types.js';
import { zsh } from './zsh.js';

export type { Shell } from './types.js';

export const SHELLS: readonly Shell[] = [bash, zsh, fish];

export function shellNames(): string[] {
  return SHELLS.map((s) => s.name);
}

export function shellByName(name: string | undefined, verb = 'hook'): Shell {
  const shell = SHELLS.find((s) => s.name === name);
  if (!shell) {
    throw usageError(
      name === undefined ? 'which shell?' : `unknown shell ${JSON.stringify(name)}`,
      `one of: ${shellNames().join(', ')}; for example: ccenv ${verb} bash`,
    );
  }
  return shell;
}

/** The package's shell/ directory: beside src/ in a checkout, beside dist/ once built. */
export function shellSourceDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'shell');
    try {
      readFileSync(join(candidate, bash.hookFile));
      return candidate;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error('the shell/ directory of the ccenv package is missing');
}

/** The words the `cc` function keeps for ccenv (they change the shell); the rest go to claude. */
export const CC_VERBS: readonly string[] = ['use', 'allow', 'deny'];

/** A name for the `cc` function: a plain word that is not ccenv itself. */
export const FUNCTION_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where ccenv lives: the node running now and the package's own bin/ccenv.cjs. */
export function ccenvPaths(): { node: string; script: string } {
  return { node: process.execPath, script: join(dirname(shellSourceDir()), 'bin', 'ccenv.cjs') };
}

/** Lines a sourced hook file needs only because nothing wrote its paths in (bash's search for node). */
const SOURCED_ONLY = /^[^\n]*# ccenv:sourced-only \{\n[^]*?\n\} # ccenv:sourced-only\n/m;

/**
 * The hook source for `shell`, its `cc` function renamed to `functionName`, with the
 * absolute paths of node and of ccenv's script written in (a later PATH may lack both).
 */
export function hookSource(shell: Shell, functionName = 'cc', paths = ccenvPaths()): string {
  if (!FUNCTION_NAME_RE.test(functionName) || functionName === 'ccenv' || functionName === 'command') {
    throw usageError(`cannot name the function ${JSON.stringify(functionName)}`, 'use a plain word such as cc or ccx');
  }
  const text = readFileSync(join(shellSourceDir(), shell.hookFile), 'utf8');
  const marker = /^.*\bcc\b.*# ccenv:function-name$/gm;
  if ((text.match(marker) ?? []).length !== 2) throw new Error(`${shell.hookFile} needs two function-name lines`);
  const pathsLine = /^.*# ccenv:paths$/m;
  if (!pathsLine.test(text)) throw new Error(`${shell.hookFile} has no paths line`);
  return text
    .replace(marker, (line) => line.replace(/\bcc\b/g, functionName))
    .replace(pathsLine, () => `${shell.assign('_ccenv_node', paths.node)}; ${shell.assign('_ccenv_script', paths.script)}`)
    .replace(SOURCED_ONLY, '');
}
