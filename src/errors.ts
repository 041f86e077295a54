/**
 * The one error type for expected failures: a message that says what and where, an
 * optional hint that says what to do, and the exit code. Anything else that reaches the
 * top level is a bug and is reported as one.
 */
export class CcenvError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CcenvError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Exit code for a command line that ccenv could not understand. */
export const USAGE_EXIT = 2;

export function usageError(message: string, hint?: string): CcenvError {
  return new CcenvError(message, { hint, exitCode: USAGE_EXIT });
}
