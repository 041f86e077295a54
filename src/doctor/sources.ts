/**
 * Profiles whose secret comes from a source (1Password, pass, a variable, a program): the
 * source's program is installed, and the secret it gives works (ccenv check's live probe,
 * which spends no tokens). An `env:` variable that is not set here is only a warning: it
 * is usually set in CI, not in the shell doctor runs in.
 */
import { join } from 'node:path';
import { isExecutableFile } from '../claude/binary.js';
import { checkProfiles } from '../health/check.js';
import type { Env } from '../paths.js';
import { readProfileSecret } from '../secrets/sources/index.js';
import { secretSourceOf, sourceArgv, sourceName } from '../secrets/sources/reference.js';
import type { Profile } from '../profiles/types.js';
import type { Check, DoctorInput, Finding } from './finding.js';

const CHECK_TIMEOUT_MS = 5000;

/** The program's path: as given when it has a slash, else the first on PATH. */
export function findProgram(env: Env, program: string): string | undefined {
  if (program.includes('/')) return isExecutableFile(program) ? program : undefined;
  for (const dir of (env.PATH ?? '').split(':')) {
    if (dir && isExecutableFile(join(dir, program))) return join(dir, program);
  }
  return undefined;
}

async function sourceFindings(name: string, profile: Profile, input: DoctorInput): Promise<Finding[]> {
  const spelled = sourceName(profile)!;
  const source = secretSourceOf(profile);
  const error = (id: string, what: string, fix: string): Finding => ({ id, severity: 'error', what: `profile ${name}: ${what}`, why: `a launch of ${name} stops before claude starts`, fix });
  if (!source) return [error('source.invalid', `its secret source ${spelled}`, `ccenv edit ${name} --secret-from op://VAULT/ITEM/FIELD | pass:PATH | env:VAR`)];
  if (source.type === 'env' && input.env[source.variable] === undefined) {
    return [{ id: 'source.env-unset', severity: 'warning', what: `profile ${name}: its secret source ${spelled} is not set here`, why: 'a launch here would stop; in CI the job sets it', fix: `export ${source.variable}=... where ${name} is launched (in CI: from the job's secrets)` }];
  }
  const program = sourceArgv(source)?.[0];
  if (program !== undefined && findProgram(input.env, program) === undefined) {
    return [error('source.program-missing', `its secret source ${spelled} needs ${program}, which is not found on PATH`, `install ${program}, or: ccenv edit ${name} --secret-from ... (or --secret-command -- PROG ARGS)`)];
  }
  const ctx = input.context;
  const [result] = await checkProfiles([[name, profile]], {
    env: input.env,
    timeoutMs: CHECK_TIMEOUT_MS,
    now: input.now,
    readSecret: (n, p, signal) => readProfileSecret(n, p, { env: input.env, stdinIsTerminal: ctx.interactive, store: input.secrets, signal }),
    describeStore: async () => spelled,
  });
  const { status, detail } = result!;
  if (status === 'ok') return [{ id: 'source.ok', severity: 'ok', what: `profile ${name}: its secret from ${spelled} works (check: ok)` }];
  const bad = status === 'rejected' || status === 'expired' || status === 'unreadable';
  return [
    {
      id: `source.${status}`,
      severity: bad ? 'error' : 'warning',
      what: `profile ${name}: its secret from ${spelled}: ${status}: ${detail}`,
      fix: bad ? `update the secret where ${spelled} reads it, then: ccenv check @${name}` : `ccenv check @${name} later`,
    },
  ];
}

export const sources: Check = {
  name: 'secret sources',
  async run(input) {
    if (input.configError) return [];
    const out: Finding[] = [];
    for (const [name, profile] of input.profiles) if (sourceName(profile) !== undefined) out.push(...(await sourceFindings(name, profile, input)));
    return out;
  },
};
