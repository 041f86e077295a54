/**
 * Editors that inject a credential of their own into the claude they start: VS Code's (and
 * its forks') `claudeCode.environmentVariables` naming a credential or provider variable,
 * which beats the directory's profile in the extension's claude. Read bounded, as JSONC.
 */
import { VSCODE_ENVIRONMENT_SETTING, VSCODE_WRAPPER_SETTING, vscodeSettingsFiles } from '../claude/editors.js';
import { isCredentialVariable } from '../claude/variables.js';
import { readBounded } from '../fs/bounded.js';
import type { Check, DoctorInput, Finding } from './finding.js';
import { tilde } from './finding.js';

const MAX_EDITOR_SETTINGS_BYTES = 4 << 20;

/** Pure: the credential variables a VS Code settings object sets in the extension's claude. */
export function editorCredentialVariables(settings: unknown): string[] {
  if (typeof settings !== 'object' || settings === null) return [];
  const entries = (settings as Record<string, unknown>)[VSCODE_ENVIRONMENT_SETTING];
  if (!Array.isArray(entries)) return [];
  const names = entries.map((e) => (typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined));
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && isCredentialVariable(n)))].sort();
}

async function parseJsonc(text: string): Promise<unknown> {
  const { parse } = await import('jsonc-parser');
  return parse(text, [], { allowTrailingComma: true }) as unknown;
}

export const editors: Check = {
  name: 'editor settings',
  async run(input: DoctorInput): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const { editor, path } of vscodeSettingsFiles(input.env, input.home)) {
      let text: string;
      try {
        text = readBounded(path, MAX_EDITOR_SETTINGS_BYTES).toString('utf8');
      } catch {
        continue; // absent or unreadable: not this check's business
      }
      const settings = await parseJsonc(text);
      const variables = editorCredentialVariables(settings);
      if (variables.length === 0) continue;
      const wrapped = typeof (settings as Record<string, unknown>)[VSCODE_WRAPPER_SETTING] === 'string';
      findings.push({
        id: 'editor.credential',
        severity: 'warning',
        what: `${editor}'s ${VSCODE_ENVIRONMENT_SETTING} sets ${variables.join(', ')} in the claude its Claude Code extension starts`,
        where: { file: path },
        why: wrapped
          ? "that credential reaches the extension's claude beside ccenv's profile, and can be the one billed"
          : "the extension's claude uses that credential, whatever profile the folder has",
        fix: `remove ${variables.join(', ')} from ${VSCODE_ENVIRONMENT_SETTING} in ${tilde(path, input.home)}, and set what ccenv ide vscode prints`,
      });
    }
    return findings;
  },
};
