/**
 * The one entry point for a profile's secret, wherever it is: a source read now (1Password,
 * pass, a variable of the caller's environment, any program), or else the secret store.
 * A source's secret is held in memory for the launch and never written anywhere by ccenv.
 */
import { CcenvError } from '../../errors.js';
import type { Env } from '../../paths.js';
import type { Profile } from '../../profiles/types.js';
import type { SecretStore } from '../store.js';
import { sourceFailure, sourceOutputProblem, type Failure } from './messages.js';
import { runSourceProgram, sourceTimeoutMs } from './program.js';
import { hasSecretSource, secretSourceOf, sourceArgv, sourceSpelling, type SecretSource } from './reference.js';

export { hasSecretSource, secretSourceOf, sourceSpelling, sourceTimeoutMs, type SecretSource };

export interface SecretReadInput {
  env: Env;
  /** ccenv's stdin is a terminal: the source program may ask on it. */
  stdinIsTerminal: boolean;
  /** Opens the secret store: called only for a profile without a source. */
  store(): Promise<SecretStore>;
  /** Aborts when the secret is no longer wanted: a source program still running is ended. */
  signal?: AbortSignal;
}

/**
 * Whether the profile's secret must be read before claude starts: a source program may
 * prompt on the terminal, which claude would then be sharing. Cheap: no process, no store.
 */
export function readsBeforeSpawn(profile: Pick<Profile, 'secretFrom' | 'secretCommand'>): boolean {
  return hasSecretSource(profile);
}

/** The variable an `env:` source reads, which a launch removes from the child's environment. */
export function sourceVariable(profile: Pick<Profile, 'secretFrom' | 'secretCommand'>): string | undefined {
  const source = secretSourceOf(profile);
  return source?.type === 'env' ? source.variable : undefined;
}

/**
 * The profile's secret: from its source (an error naming the profile, the source and the
 * fix when that fails), else from the store (undefined when the store has none).
 */
export async function readProfileSecret(name: string, profile: Profile, input: SecretReadInput): Promise<string | undefined> {
  if (!hasSecretSource(profile)) return (await input.store()).get(name);
  const source = secretSourceOf(profile);
  if (!source) throw new CcenvError(`profile ${name}: its secret source ${JSON.stringify(profile.secretFrom)} is not valid`, { hint: `fix it: ccenv edit ${name} --secret-from ...` });
  const fail = (failure: Failure) => sourceFailure(name, source, failure, input);
  let raw: string;
  if (source.type === 'env') {
    const value = input.env[source.variable];
    if (value === undefined) throw fail({ failure: 'unset' });
    raw = value;
  } else {
    const outcome = await runSourceProgram(sourceArgv(source)!, { env: input.env, timeoutMs: sourceTimeoutMs(input.env), stdinIsTerminal: input.stdinIsTerminal, ...(input.signal ? { signal: input.signal } : {}) });
    if (!outcome.ok) throw fail(outcome);
    raw = outcome.stdout;
  }
  // pass keeps the password on the first line and anything else (user names, URLs) below it.
  const text = source.type === 'pass' ? raw.split('\n')[0]!.replace(/\r$/, '') : raw.replace(/\r?\n$/, '');
  const problem = sourceOutputProblem(text);
  if (problem) throw fail({ failure: 'output', problem });
  return text;
}
