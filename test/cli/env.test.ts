import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

const KEY = 'sk-ant-api03-ENV-COMMAND-SECRET-31';
const FOUNDRY = 'FOUNDRY-ENV-COMMAND-SECRET-32';
const HOSTILE = { ANTHROPIC_API_KEY: 'junk', CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'junk', CLAUDE_CODE_USE_POWERSHELL_TOOL: '1' };

async function add(args: string[], input = ''): Promise<void> {
  const run = await ccenv(box, ['add', ...args], { input });
  expect(run.exitCode, run.stderr).toBe(0);
}

describe('ccenv env', () => {
  it('prints shell code that unsets the credential variables and sets the profile (masked secret as a comment)', async () => {
    await add(['f', '--kind', 'foundry', '--resource', 'my-res', '--secret-stdin'], FOUNDRY);
    const run = await ccenv(box, ['env', '@f'], { env: HOSTILE });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).not.toContain(FOUNDRY);
    const lines = run.stdout.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining(['unset ANTHROPIC_API_KEY', 'unset CLAUDE_CODE_USE_BEDROCK', "export CLAUDE_CODE_USE_FOUNDRY='1'", "export CCENV_ACTIVE='f'"]),
    );
    expect(lines.filter((l) => l.includes('AWS_PROFILE') || l.includes('POWERSHELL'))).toEqual([]);
    expect(run.stdout).toMatch(/^# ANTHROPIC_FOUNDRY_API_KEY: secret .*masked.*environment/m);
  });

  it('evaluated by sh, gives the profile environment (with --reveal)', async () => {
    await add(['f', '--kind', 'foundry', '--resource', 'my-res', '--secret-stdin'], FOUNDRY);
    const code = (await ccenv(box, ['env', '@f', '--reveal'], { env: HOSTILE })).stdout;
    const r = spawnSync('sh', ['-c', `${code}\nprintf '%s|%s|%s' "$ANTHROPIC_FOUNDRY_API_KEY" "\${ANTHROPIC_API_KEY-unset}" "$CCENV_ACTIVE"`], {
      env: { ...HOSTILE, PATH: '/usr/bin:/bin' },
      encoding: 'utf8',
    });
    expect(r.stdout).toBe(`${FOUNDRY}|unset|f`);
  });

  it('--json says how each secret travels; a descriptor secret never becomes a variable', async () => {
    await add(['k', '--kind', 'api-key', '--secret-stdin'], KEY);
    const run = await ccenv(box, ['env', '@k', '--json'], { env: HOSTILE });
    const plan = JSON.parse(run.stdout);
    expect(plan.set).toEqual({ CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR: '3', CCENV_ACTIVE: 'k' });
    // The sandbox's file-backend passphrase is ccenv's own: a launch keeps it from claude.
    expect(plan.unset).toEqual(['ANTHROPIC_API_KEY', 'CCENV_FILE_PASSPHRASE', 'CLAUDE_CODE_USE_BEDROCK']);
    expect(plan.secrets).toEqual([{ route: 'descriptor', fd: 3, variable: 'CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR', value: expect.stringContaining('chars') }]);
    expect(run.stdout).not.toContain(KEY);
    const revealed = JSON.parse((await ccenv(box, ['env', '@k', '--format', 'json', '--reveal'])).stdout);
    expect(revealed.secrets[0].value).toBe(KEY);
  });

  it.each([
    ['fish', "set -gx CCENV_ACTIVE 'subscription'"],
    ['dotenv', 'CCENV_ACTIVE="subscription"'],
  ])('--format %s', async (format, line) => {
    const run = await ccenv(box, ['env', '--format', format], { env: HOSTILE });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')).toContain(line);
  });

  it('refuses an unknown format, and names where a missing profile came from', async () => {
    expect((await ccenv(box, ['env', '--format', 'xml'])).exitCode).toBe(2);
    const run = await ccenv(box, ['env'], { env: { CCENV_PROFILE: 'gone' } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('no profile named gone (named by CCENV_PROFILE (cc use))');
  });
});
