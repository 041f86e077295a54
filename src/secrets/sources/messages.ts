/**
 * What went wrong with a secret source, in words that name the profile, the source and the
 * fix. Never the secret: a program's output is described (empty, several lines), not shown.
 */
import { CcenvError } from '../../errors.js';
import type { Env } from '../../paths.js';
import { sourceTimeoutMs, type ProgramOutcome } from './program.js';
import { sourceArgv, sourceSpelling, type SecretSource } from './reference.js';

export type Failure = Exclude<ProgramOutcome, { ok: true }> | { failure: 'unset' } | { failure: 'output'; problem: string };

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** What is wrong with a source's output as a secret, or undefined. */
export function sourceOutputProblem(text: string): string | undefined {
  if (text.trim() === '') return 'printed nothing';
  if (/[\r\n]/.test(text)) return 'printed several lines (a secret is one line; ccenv takes off one trailing newline only)';
  if (CONTROL_RE.test(text)) return 'printed a control character';
  if (text.length > 16_384) return 'printed more than 16 KiB';
  return undefined;
}

function what(source: SecretSource, failure: Failure, timeoutMs: number): string {
  const program = sourceArgv(source)?.[0] ?? '';
  switch (failure.failure) {
    case 'unset':
      return 'names a variable that is not set';
    case 'missing':
      return `needs ${program}, which is not found on PATH`;
    case 'timeout':
      return `did not answer within ${timeoutMs / 1000} s (stopped)`;
    case 'abandoned':
      return 'was stopped: its secret was no longer wanted';
    case 'too-long':
      return 'printed more than 64 KiB (stopped)';
    case 'cannot-run':
      return `cannot run ${program}: ${failure.message}`;
    case 'exit':
      return failure.signal ? `${program} was ended by ${failure.signal}` : `${program} exited with status ${failure.code}`;
    case 'output':
      return failure.problem;
  }
}

function fix(name: string, source: SecretSource, failure: Failure, terminal: boolean): string {
  const change = `or change the source: ccenv edit ${name} --secret-from ... (or --secret-command -- PROG ARGS)`;
  const noTerminal = terminal ? '' : '; there is no terminal here to answer a prompt on';
  if (failure.failure === 'missing') {
    if (source.type === 'op') return `install the 1Password CLI (https://developer.1password.com/docs/cli/), ${change}`;
    if (source.type === 'pass') return `install pass (apt install pass, brew install pass), ${change}`;
    return `install it or give its full path: ccenv edit ${name} --secret-command -- /path/to/PROG ARGS`;
  }
  if (failure.failure === 'unset' && source.type === 'env') {
    return `set ${source.variable} in the environment ccenv runs in (in CI: from the job's secrets), ${change}`;
  }
  if (source.type === 'op') {
    return `sign in to 1Password first (op signin, or turn on the app's CLI integration) and check the reference: op read ${source.reference}${noTerminal}; ${change}`;
  }
  if (source.type === 'pass') {
    return `check the entry with: pass show ${source.path}; a locked GPG key needs its passphrase (gpg-agent caches it once given)${noTerminal}; ${change}`;
  }
  if (source.type === 'env') return `give ${source.variable} the secret alone, on one line; ${change}`;
  const spelled = sourceSpelling(source).slice('command: '.length);
  return `run it yourself to see what it prints: ${spelled}${failure.failure === 'timeout' ? ' (a slower source: CCENV_SOURCE_TIMEOUT=SECONDS)' : ''}; ${change}`;
}

export function sourceFailure(name: string, source: SecretSource, failure: Failure, input: { env: Env; stdinIsTerminal: boolean }): CcenvError {
  const timeoutMs = sourceTimeoutMs(input.env);
  return new CcenvError(`profile ${name}: its secret source ${sourceSpelling(source)} ${what(source, failure, timeoutMs)}`, {
    hint: fix(name, source, failure, input.stdinIsTerminal),
  });
}
