/**
 * What a launch records so that Claude Code's own processes (its background service, the
 * sessions it hosts, its relaunches) start through ccenv again with the same profile:
 * Claude Code's wrapper variable names ccenv's wrapper, and two variables of ccenv's own say
 * where the profile is defined and which launcher of the user's the wrapper must call.
 * The profile's name is CCENV_ACTIVE, which every launch sets.
 */
import type { Env } from '../paths.js';
import { PROCESS_WRAPPER_VARIABLE } from '../claude/process-wrapper.js';

/** ccenv's config directory (absolute) at the launch that started the process. */
export const WRAP_CONFIG_VARIABLE = 'CCENV_WRAP_CONFIG';
/** The user's own process wrapper (a corporate launcher), which ccenv's wrapper runs the command through. */
export const WRAP_INNER_VARIABLE = 'CCENV_WRAP_INNER';

export interface WrapperSetup {
  /** The absolute path of bin/ccenv-wrap. */
  path: string;
  /** ccenv's config directory, absolute. */
  configDir: string;
}

/**
 * The variables a launch of claude sets for the wrapper. A wrapper the caller already had
 * (the user's own, from the environment) is kept as the inner one; when the caller's is
 * ccenv's own (a launch from inside a wrapped process), its inner one carries over.
 */
export function wrapperVariables(setup: WrapperSetup, caller: Env): Record<string, string> {
  const set: Record<string, string> = { [PROCESS_WRAPPER_VARIABLE]: setup.path, [WRAP_CONFIG_VARIABLE]: setup.configDir };
  const callers = caller[PROCESS_WRAPPER_VARIABLE];
  const inner = callers && callers !== setup.path ? callers : caller[WRAP_INNER_VARIABLE];
  if (inner && inner !== setup.path) set[WRAP_INNER_VARIABLE] = inner;
  return set;
}
