/**
 * What a launch removes from the caller's environment, and why: Claude Code's credential
 * and provider variables (the list lives in src/claude/variables.ts), the AWS credentials
 * an AWS kind replaces, and ccenv's own variables that are not meant for children.
 */
import { isCredentialVariable } from '../claude/variables.js';

/**
 * ccenv's own variables that a launched program may see: profile names and where ccenv
 * keeps its files, so that a nested ccenv finds the same profiles. Every other CCENV_*
 * (CCENV_FILE_PASSPHRASE above all, and any added later) is removed from the child's
 * environment. CCENV_ACTIVE is set by the launch itself.
 */
export const CCENV_FOR_CHILDREN = [
  'CCENV_ACTIVE',
  'CCENV_ACTIVE_KIND',
  'CCENV_PROFILE',
  'CCENV_DIR_PROFILE',
  'CCENV_CONFIG_DIR',
  'CCENV_BACKEND',
  'CCENV_SECRETS_FILE',
  'CCENV_QUIET',
  'CCENV_NO_FALLBACK',
  'CCENV_DEBUG',
  'CCENV_MANAGED_SETTINGS_DIR',
  'CCENV_WRAP_CONFIG',
  'CCENV_WRAP_INNER',
] as const;

/** Whether a variable is ccenv's own and not meant for the programs it launches. */
export function isCcenvPrivate(name: string): boolean {
  return name.startsWith('CCENV_') && !(CCENV_FOR_CHILDREN as readonly string[]).includes(name);
}

/** Which caller variables a launch removes, and why. */
export type RemovalReason = 'credential' | 'aws' | 'ccenv' | 'secret source';

export function removalReason(name: string, removeAws: readonly string[]): RemovalReason | undefined {
  if (isCcenvPrivate(name)) return 'ccenv';
  if (isCredentialVariable(name)) return 'credential';
  if (removeAws.includes(name)) return 'aws';
  return undefined;
}
