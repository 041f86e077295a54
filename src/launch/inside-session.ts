/**
 * Inside a ccenv launch (CCENV_ACTIVE is set), a command that would hand out a secret
 * (`exec`, `show --reveal`, `env --reveal`) asks the person at the terminal first, and is
 * refused where there is no terminal to ask: a command Claude Code's agent runs cannot take
 * a descriptor-only secret as plain text without the user seeing it. This is a check on
 * ccenv's own doors, not a wall: any program running as the user can still ask an unlocked
 * keychain itself (README, Security model).
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { CcenvError } from '../errors.js';
import type { Env } from '../paths.js';

/** The caller's own, explicit consent; a launch never passes it on (see scrub.ts). */
export const ALLOW_VARIABLE = 'CCENV_ALLOW_REVEAL';

/** Asks on the controlling terminal; false when the answer is not y, or there is no terminal. */
function askTerminal(question: string): boolean | undefined {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return undefined;
  }
  try {
    writeSync(fd, `${question} Allow? [y/N] `);
    const buffer = Buffer.alloc(64);
    const n = readSync(fd, buffer, 0, buffer.length, null);
    return /^\s*y(es)?\s*$/i.test(buffer.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * Throws unless this is not inside a launch, the caller allowed it, or the user says yes.
 * `what`: the act in two forms, "to print X" (the question) and "printing X" (the refusal).
 */
export function confirmInsideSession(env: Env, what: { wants: string; doing: string }, ask: (question: string) => boolean | undefined = askTerminal): void {
  const active = env.CCENV_ACTIVE;
  if (!active || env[ALLOW_VARIABLE] === '1') return;
  const answer = ask(`ccenv: a program inside the ccenv launch of ${active} wants ${what.wants}.`);
  if (answer === true) return;
  throw new CcenvError(
    answer === undefined
      ? `refused inside a ccenv launch (${active}): ${what.doing} needs a yes typed at a terminal, and there is none`
      : `refused inside a ccenv launch (${active}): ${what.doing} was not allowed`,
    { hint: `run it outside the claude session, or set ${ALLOW_VARIABLE}=1 on that one command` },
  );
}
