/** doctor --fix and init's settings cleanup: what they may remove, and how they keep what they remove. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import * as trap from '../helpers/traps.js';

interface Finding {
  id: string;
  severity: string;
  what: string;
  fix?: string;
  fixable?: unknown;
}

let box: Sandbox;
let settings: string;

beforeEach(() => {
  box = sandbox();
  box.env.PATH = `${trap.fakeClaude(box, 'bin', '2.1.332')}:/usr/bin:/bin`;
  settings = join(box.home, '.claude', 'settings.json');
});
afterEach(() => box.cleanup());

async function run(args: string[], env: Record<string, string> = {}) {
  const result = await ccenv(box, args, { env });
  trap.assertNoSecret([result.stdout, result.stderr]);
  return result;
}

async function findings(): Promise<Finding[]> {
  return (JSON.parse((await run(['doctor', '--json'])).stdout) as { findings: Finding[] }).findings;
}

const GATEWAY = `{
  "env": {
    "ANTHROPIC_BASE_URL": "https://gateway.example.com/v1",
    "ANTHROPIC_AUTH_TOKEN": "${trap.GATEWAY_TOKEN}"
  }
}
`;
const LONE_TOKEN = `{
  "env": {
    "ANTHROPIC_AUTH_TOKEN": "${trap.GATEWAY_TOKEN}"
  }
}
`;

describe('doctor --fix never removes a credential no profile holds', () => {
  it.each([
    ['a token init skipped (no base URL)', LONE_TOKEN],
    ['a whole gateway setup', GATEWAY],
  ])('%s: not offered, the file untouched, no backup', async (_name, text) => {
    trap.write(settings, text);
    const all = await findings();
    const env = all.filter((f) => f.id === 'settings.env-credential');
    expect(env.length).toBeGreaterThan(0);
    for (const f of env) {
      expect(f.fixable).toBeUndefined();
      expect(f.fix).toContain('no profile holds it');
    }
    const fixed = await run(['doctor', '--fix']);
    expect(fixed.stderr).toContain('nothing that doctor --fix can change');
    expect(readFileSync(settings, 'utf8')).toBe(text);
    expect(readdirSync(join(box.home, '.claude'))).toEqual(['settings.json']);
  });

  it('once init has kept it as a profile, --fix removes it and says which profile holds it', async () => {
    trap.write(settings, GATEWAY);
    expect((await run(['init', '--yes'])).exitCode).toBe(0);
    const env = (await findings()).filter((f) => f.id === 'settings.env-credential');
    expect(env.map((f) => f.fixable)).toEqual([expect.anything(), expect.anything()]);
    for (const f of env) expect(f.fix).toContain('kept as profile gateway');
    const fixed = await run(['doctor', '--fix']);
    expect(fixed.stderr).toContain('done: removed');
    expect(readFileSync(settings, 'utf8')).not.toContain('ANTHROPIC');
  });

  it('a key that differs from the profile of the same kind is not taken as held', async () => {
    trap.write(settings, `{"env": {"ANTHROPIC_API_KEY": "${trap.SETTINGS_KEY}"}}\n`);
    await ccenv(box, ['add', 'other', '--kind', 'api-key', '--secret-stdin'], { input: trap.API_KEY });
    const f = (await findings()).find((x) => x.id === 'settings.env-credential')!;
    expect(f.fixable).toBeUndefined();
  });
});
