import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatPlan, quoteDotenv } from '../../src/launch/format.js';
import { buildPlan } from '../../src/launch/plan.js';
import { scratchDir } from '../helpers/scratch.js';

const dir = scratchDir('ccenv-dotenv');
const marker = join(dir, 'ran');
beforeEach(() => rmSync(marker, { force: true }));

/** Sources a dotenv file in real bash (`set -a; . FILE`) and prints one variable. */
async function sourced(text: string, variable: string): Promise<string> {
  const file = join(dir, 'out.env');
  writeFileSync(file, text);
  const run = await execa('bash', ['--norc', '--noprofile', '-c', `set -a; . "$1"; printf %s "\${${variable}}"`, 'bash', file], {
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  return run.stdout;
}

const HOSTILE = [
  `\`touch ${marker}\``,
  `$(touch ${marker})`,
  '${HOME}$HOME$',
  `it's "quoted"`,
  'back\\slash\\',
  '\\`touch x`\\$(y)',
  'two\nlines\r\nand more',
  '"',
  "'",
  'ünï\tcodé',
];

describe('env --format dotenv, sourced by real bash', () => {
  it.each(HOSTILE)('%j comes back unchanged and runs nothing', async (value) => {
    expect(await sourced(`V=${quoteDotenv(value)}\n`, 'V')).toBe(value);
    expect(existsSync(marker)).toBe(false);
  });

  it('a whole plan with a hostile --env value sources to exactly that value', async () => {
    const value = `\`touch ${marker}\` and $(touch ${marker}) \\" '`;
    const plan = buildPlan({
      resolved: { name: 'p', profile: { kind: 'subscription', env: { HOSTILE_VALUE: value } }, source: { from: 'argument' } },
      caller: {},
      secret: undefined,
      mode: 'claude',
      command: 'claude',
      args: [],
    });
    const text = formatPlan(plan, 'dotenv', false);
    expect(await sourced(text, 'HOSTILE_VALUE')).toBe(value);
    expect(await sourced(text, 'CCENV_ACTIVE')).toBe('p');
    expect(existsSync(marker)).toBe(false);
  });
});
