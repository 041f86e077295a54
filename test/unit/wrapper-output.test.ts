import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LaunchPlan } from '../../src/launch/plan.js';
import { wrapperOutput } from '../../src/launch/wrapper.js';
import { scratchDir } from '../helpers/scratch.js';

function plan(over: Partial<LaunchPlan>): LaunchPlan {
  return {
    profile: 'p', kind: 'api-key', source: { from: 'argument' }, mode: 'claude', command: '/bin/claude', args: [],
    set: {}, secretVariables: [], removed: [], descriptors: [], notes: [], ...over,
  };
}

/** What bin/ccenv-wrap does with the output: the code before the NUL is evaluated, the rest stays on descriptor 3. */
function evaluate(output: string): { env: Record<string, string>; fd3: string } {
  const nul = output.indexOf('\0');
  const script = `eval "$1"; env; printf '\\0'; cat <&3 2>/dev/null`;
  const r = spawnSync('bash', ['-c', `exec 3< <(printf %s "$SECRET"); set -- "$CODE"; ${script}`], {
    env: { PATH: '/usr/bin:/bin', CODE: output.slice(0, nul), SECRET: output.slice(nul + 1), GONE: 'still here' },
    encoding: 'utf8',
  });
  const [envText, fd3] = r.stdout.split('\0');
  const env = Object.fromEntries(envText!.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { env, fd3: fd3 ?? '' };
}

describe('wrapperOutput', () => {
  it('puts the secret after the NUL, never in the code', () => {
    const out = wrapperOutput(plan({ set: { CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR: '3' }, descriptors: [{ fd: 3, variable: 'CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR', secret: 'sk-SECRET' }] }));
    const [code, secret] = out.split('\0');
    expect(code).not.toContain('sk-SECRET');
    expect(code!.endsWith('#ccenv-ready')).toBe(true);
    expect(secret).toBe('sk-SECRET');
  });

  it('closes descriptor 3 when the secret travels another way', () => {
    expect(wrapperOutput(plan({ set: { AWS_REGION: 'x' } })).split('\0')[0]).toContain('exec 3<&-');
  });

  it("puts the user's own wrapper before the command", () => {
    expect(wrapperOutput(plan({ set: { CCENV_WRAP_INNER: "/opt/it's/launch" } }))).toContain(`set -- '/opt/it'\\''s/launch' "$@"`);
  });

  it("records the user's wrapper for an editor's claude without running that claude through it", () => {
    const code = wrapperOutput(plan({ args: ['--ccenv-directory', '-p', "it's"], set: { CCENV_WRAP_INNER: '/opt/corp/launch' } })).split('\0')[0]!;
    expect(code).toContain(`export CCENV_WRAP_INNER='/opt/corp/launch'`);
    // The editor's claude and its arguments as planned, without the marker and without the user's wrapper.
    expect(code).toContain(`set -- '/bin/claude' '-p' 'it'\\''s'`);
    expect(code).not.toContain(`set -- '/opt/corp/launch'`);
  });

  it('evaluated by bash, sets hostile values verbatim and unsets what the plan removes', () => {
    const marker = join(scratchDir('ccenv-wrap'), 'ran');
    const hostile = `it's $(touch ${marker}) \`touch ${marker}\`\nnext line`;
    const out = wrapperOutput(
      plan({
        set: { SOME_VALUE: hostile, CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR: '3' },
        removed: [{ name: 'GONE', reason: 'credential' }, { name: 'BAD-NAME', reason: 'ccenv' }],
        descriptors: [{ fd: 3, variable: 'CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR', secret: 'sk-KEY' }],
      }),
    );
    const { env, fd3 } = evaluate(out);
    expect(env.SOME_VALUE).toBe(hostile.split('\n')[0]);
    expect(env).not.toHaveProperty('GONE');
    expect(fd3).toBe('sk-KEY');
    expect(existsSync(marker)).toBe(false);
  });
});
