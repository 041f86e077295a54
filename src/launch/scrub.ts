/**
 * The variables that decide which provider Claude Code talks to and with which credential.
 * A launch removes all of them from the caller's environment before setting the profile's
 * own (see CLAUDE-CODE-FACTS: environment variables, settings `env` blocks).
 */

/** Provider switches: each one makes Claude Code use a cloud provider. */
export const PROVIDER_SWITCHES = [
  'CLAUDE_CODE_USE_BEDROCK',
  'CLAUDE_CODE_USE_VERTEX',
  'CLAUDE_CODE_USE_FOUNDRY',
  'CLAUDE_CODE_USE_MANTLE',
  'CLAUDE_CODE_USE_ANTHROPIC_AWS',
  'CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD',
  'CLAUDE_CODE_USE_GATEWAY',
] as const;

/** Credential, endpoint and model variables, named exactly. */
export const CREDENTIAL_VARIABLES = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_CUSTOM_HEADERS',
  'ANTHROPIC_PROFILE',
  'ANTHROPIC_VERTEX_PROJECT_ID',
  'ANTHROPIC_FOUNDRY_RESOURCE',
  'ANTHROPIC_FOUNDRY_API_KEY',
  'CLOUD_ML_REGION',
  'CLAUDE_CONFIG_DIR',
] as const;

const EXACT = new Set<string>([...PROVIDER_SWITCHES, ...CREDENTIAL_VARIABLES]);

/** Families of variables matched by shape. */
const PATTERNS: readonly RegExp[] = [
  /^ANTHROPIC_[A-Z0-9_]*BASE_URL$/, // ANTHROPIC_BEDROCK_BASE_URL, ANTHROPIC_VERTEX_BASE_URL, ...
  /^ANTHROPIC_[A-Z0-9_]*MODEL[A-Z0-9_]*$/, // ANTHROPIC_MODEL, ANTHROPIC_DEFAULT_*_MODEL, ANTHROPIC_SMALL_FAST_MODEL*
  /^ANTHROPIC_IDENTITY_[A-Z0-9_]*$/, // identity federation
  /^CLAUDE_CODE_SKIP_[A-Z0-9_]+_AUTH$/, // CLAUDE_CODE_SKIP_BEDROCK_AUTH, ...
  /^CLAUDE_CODE_OAUTH_TOKEN/, // CLAUDE_CODE_OAUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR
  /^CLAUDE_CODE_API_KEY/, // CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR, CLAUDE_CODE_API_KEY_HELPER_TTL_MS
  /^CLAUDE_CODE_GATEWAY_TOKEN/, // CLAUDE_CODE_GATEWAY_TOKEN_FILE_DESCRIPTOR (gateway mode)
  /^VERTEX_REGION_/, // per-model Vertex regions
];

/** Whether a variable selects Claude Code's provider or credential. Feature switches sharing the CLAUDE_CODE_USE_ prefix do not. */
export function isCredentialVariable(name: string): boolean {
  return EXACT.has(name) || PATTERNS.some((re) => re.test(name));
}

/** The AWS variables that pick which AWS credential is used; AWS kinds remove them before setting their own. */
export const AWS_CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_BEARER_TOKEN_BEDROCK',
] as const;

export function isAwsCredentialVariable(name: string): boolean {
  return (AWS_CREDENTIAL_VARIABLES as readonly string[]).includes(name);
}

/** Model choices: scrubbed from the caller's environment, but in a settings file a preference, not a credential. */
export function isModelVariable(name: string): boolean {
  return /^ANTHROPIC_[A-Z0-9_]*MODEL[A-Z0-9_]*$/.test(name);
}

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
] as const;

/** Whether a variable is ccenv's own and not meant for the programs it launches. */
export function isCcenvPrivate(name: string): boolean {
  return name.startsWith('CCENV_') && !(CCENV_FOR_CHILDREN as readonly string[]).includes(name);
}

/** Which caller variables a launch removes, and why. */
export type RemovalReason = 'credential' | 'aws' | 'ccenv';

export function removalReason(name: string, removeAws: readonly string[]): RemovalReason | undefined {
  if (isCcenvPrivate(name)) return 'ccenv';
  if (isCredentialVariable(name)) return 'credential';
  if (removeAws.includes(name)) return 'aws';
  return undefined;
}
