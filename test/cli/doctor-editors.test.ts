/** doctor and an editor's Claude Code settings that inject a credential of their own. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editorCredentialVariables } from '../../src/doctor/editors.js';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import * as trap from '../helpers/traps.js';

const EDITOR_KEY = 'sk-ant-api03-VSCODE-SETTINGS-KEY-77aa';
let box: Sandbox;

beforeEach(() => {
  box = sandbox();
  box.env.PATH = `${trap.fakeClaude(box, 'bin', '2.1.332')}:/usr/bin:/bin`;
});
afterEach(() => box.cleanup());

function vscodeSettings(text: string): string {
  const dir = join(box.home, '.config', 'Code', 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), text);
  return join(dir, 'settings.json');
}

describe('editorCredentialVariables', () => {
  it.each([
    [{ 'claudeCode.environmentVariables': [{ name: 'ANTHROPIC_API_KEY', value: 'x' }, { name: 'DISABLE_TELEMETRY', value: '1' }] }, ['ANTHROPIC_API_KEY']],
    [{ 'claudeCode.environmentVariables': [{ name: 'CLAUDE_CODE_USE_BEDROCK', value: '1' }, { name: 'ANTHROPIC_BASE_URL', value: 'u' }] }, ['ANTHROPIC_BASE_URL', 'CLAUDE_CODE_USE_BEDROCK']],
    [{ 'claudeCode.environmentVariables': [{ name: 'CLAUDE_CODE_USE_POWERSHELL_TOOL', value: '1' }] }, []],
    [{ 'claudeCode.environmentVariables': { ANTHROPIC_API_KEY: 'x' } }, []],
    [{ 'claudeCode.environmentVariables': [null, 3, { value: 'x' }] }, []],
    [[], []],
  ])('%j -> %j', (settings, expected) => expect(editorCredentialVariables(settings)).toEqual(expected));
});

describe('doctor', () => {
  it("notices VS Code's claudeCode.environmentVariables setting an API key, in JSONC, without showing it", async () => {
    const file = vscodeSettings(`{
  // the extension's own environment
  "claudeCode.environmentVariables": [
    { "name": "ANTHROPIC_API_KEY", "value": "${EDITOR_KEY}" },
    { "name": "DISABLE_TELEMETRY", "value": "1" },
  ],
}`);
    const run = await ccenv(box, ['doctor', '--json']);
    expect(run.stdout + run.stderr).not.toContain(EDITOR_KEY);
    const { findings } = JSON.parse(run.stdout) as { findings: { id: string; what: string; where?: { file: string }; fix?: string }[] };
    const found = findings.filter((f) => f.id === 'editor.credential');
    expect(found).toHaveLength(1);
    expect(found[0]!.what).toContain('claudeCode.environmentVariables sets ANTHROPIC_API_KEY');
    expect(found[0]!.where?.file).toBe(file);
    expect(found[0]!.fix).toContain('ccenv ide vscode');
  });

  it('says nothing of an editor setting that injects no credential', async () => {
    vscodeSettings(JSON.stringify({ 'claudeCode.environmentVariables': [{ name: 'DISABLE_TELEMETRY', value: '1' }] }));
    const run = await ccenv(box, ['doctor', '--json']);
    const { findings } = JSON.parse(run.stdout) as { findings: { id: string }[] };
    expect(findings.filter((f) => f.id.startsWith('editor.'))).toEqual([]);
  });
});
