/**
 * Each construct the bash 3.2 scanner forbids does what its example says on this bash (the
 * other half, that bash 3.2 lacks each one, is test/bash32/, run by `npm run test:bash32`).
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BASH_CONSTRUCTS } from '../helpers/bash-compat.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

const examples = BASH_CONSTRUCTS.filter((c) => c.example).map((c) => [c.name, c.since, c.example!] as const);

const runBash = async (bash: string, code: string) => {
  const run = await execa(bash, ['--norc', '--noprofile', '-c', code], { reject: false, extendEnv: false, env: { PATH: '/usr/bin:/bin', LANG: 'C' } });
  return String(run.stdout).trim();
};

describe('the constructs bash 3.2 lacks, on this bash', () => {
  if (!requirement('bash', has('bash'), HOW_TO_GET)) return;
  it.each(examples)('%s (bash %s) does what its example says', async (_name, _since, example) => {
    expect(await runBash('bash', example.code)).toBe(example.expected);
  });
});

