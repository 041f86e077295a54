/**
 * Claude Code's hooks that ccenv adds to a launch (seen on 2.1.332; docs/claude-code.md,
 * "Status line and failure hook"). `StopFailure` runs when a turn ends in an API failure,
 * in interactive and in `-p` runs, with this on stdin:
 *   {"session_id", "transcript_path", "cwd", "prompt_id", "hook_event_name": "StopFailure",
 *    "error": "authentication_failed", "error_details": null, "last_assistant_message": "..."}
 * Hooks given with `--settings` run beside those of every other settings layer.
 */

export const STOP_FAILURE = 'StopFailure';

/** The values of `error`, as the 2.1.332 binary lists them. */
export const STOP_FAILURE_ERRORS = [
  'authentication_failed',
  'oauth_org_not_allowed',
  'account_on_hold',
  'verification_required',
  'billing_error',
  'rate_limit',
  'overloaded',
  'invalid_request',
  'model_not_found',
  'server_error',
  'unknown',
  'max_output_tokens',
  'cloud_credential_error',
] as const;

export interface StopFailureInput {
  error: string;
  sessionId?: string;
  transcriptPath?: string;
}

/** Pure: the parts of a StopFailure hook's input ccenv uses; undefined for anything else. */
export function parseStopFailure(text: string): StopFailureInput | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (d.hook_event_name !== STOP_FAILURE || typeof d.error !== 'string') return undefined;
  return {
    error: d.error,
    ...(typeof d.session_id === 'string' && d.session_id !== '' ? { sessionId: d.session_id } : {}),
    ...(typeof d.transcript_path === 'string' && d.transcript_path !== '' ? { transcriptPath: d.transcript_path } : {}),
  };
}

/** One command hook for `event`, in the shape a settings file's `hooks` takes. */
export function commandHook(command: string): { hooks: { type: 'command'; command: string }[] } {
  return { hooks: [{ type: 'command', command }] };
}
