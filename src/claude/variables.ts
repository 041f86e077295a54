/**
 * The variables that decide which provider Claude Code talks to and with which credential:
 * the one list that the launch scrubs, doctor looks for in the shell, `status --verify`
 * runs under (through the launch plan), and a profile's `--env` refuses.
 *
 * Taken from the installed client (docs/claude-code.md, "Credential and provider
 * variables", says how to re-check): Claude Code keeps its own lists of the variables a
 * host manages for it (credential values, provider selection, base URLs, SKIP_*_AUTH, model
 * choice) and of its sign-in variables; every name below is in the binary, and
 * test/e2e/variables-real-claude.test.ts launches the real claude with each one set to junk.
 */

/** Provider switches: each one makes Claude Code use a cloud provider or a gateway. */
export const PROVIDER_SWITCHES = [
  'CLAUDE_CODE_USE_BEDROCK',
  'CLAUDE_CODE_USE_VERTEX',
  'CLAUDE_CODE_USE_FOUNDRY',
  'CLAUDE_CODE_USE_MANTLE',
  'CLAUDE_CODE_USE_ANTHROPIC_AWS',
  'CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD',
  'CLAUDE_CODE_USE_GATEWAY',
] as const;

/** Variables that carry a credential, or point Claude Code at one. */
export const CREDENTIAL_VALUES = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_FOUNDRY_API_KEY',
  'ANTHROPIC_FOUNDRY_AUTH_TOKEN',
  'ANTHROPIC_AWS_API_KEY',
  'ANTHROPIC_CUSTOM_HEADERS',
  'CLAUDE_CODE_OAUTH_REFRESH_TOKEN',
  'CLAUDE_CODE_OAUTH_SCOPES',
  'CLAUDE_CODE_SESSION_ACCESS_TOKEN',
  'CLAUDE_CODE_SESSIONS_OAUTH_TOKEN',
  'CLAUDE_CODE_WEBSOCKET_AUTH_FILE_DESCRIPTOR',
  'CLAUDE_CODE_HOST_AUTH_ENV_VAR',
  'CLAUDE_CODE_HOST_CREDS_FILE',
] as const;

/** Sign-in and identity federation: where a login comes from, and the `ant` CLI's profiles. */
export const SIGN_IN_VARIABLES = [
  'ANTHROPIC_PROFILE',
  'ANTHROPIC_CONFIG_DIR',
  'ANTHROPIC_FEDERATION_RULE_ID',
  'ANTHROPIC_ORGANIZATION_ID',
  'ANTHROPIC_WORKSPACE_ID',
  'CLAUDE_CODE_CUSTOM_OAUTH_URL',
  'CLAUDE_CODE_OAUTH_CLIENT_ID',
  'CLAUDE_CONFIG_DIR',
] as const;

/** Which endpoint, project, region or resource a provider uses. */
export const PROVIDER_SETTINGS = [
  'ANTHROPIC_VERTEX_PROJECT_ID',
  'ANTHROPIC_FOUNDRY_RESOURCE',
  'ANTHROPIC_AWS_WORKSPACE_ID',
  'ANTHROPIC_GOOGLE_CLOUD_PROJECT',
  'ANTHROPIC_GOOGLE_CLOUD_LOCATION',
  'ANTHROPIC_GOOGLE_CLOUD_WORKSPACE_ID',
  'ANTHROPIC_UNIX_SOCKET',
  'CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST',
  'CLOUD_ML_REGION',
] as const;

const EXACT = new Set<string>([...PROVIDER_SWITCHES, ...CREDENTIAL_VALUES, ...SIGN_IN_VARIABLES, ...PROVIDER_SETTINGS]);

/** Families of variables matched by shape. */
const PATTERNS: readonly RegExp[] = [
  /^ANTHROPIC_[A-Z0-9_]*BASE_URL$/, // ANTHROPIC_BEDROCK_BASE_URL, ANTHROPIC_AWS_BASE_URL, ANTHROPIC_GOOGLE_CLOUD_BASE_URL, ...
  /^ANTHROPIC_[A-Z0-9_]*MODEL[A-Z0-9_]*$/, // ANTHROPIC_MODEL, ANTHROPIC_DEFAULT_*_MODEL*, ANTHROPIC_SMALL_FAST_MODEL*, ANTHROPIC_CUSTOM_MODEL_OPTION*
  /^ANTHROPIC_IDENTITY_[A-Z0-9_]*$/, // identity federation: ANTHROPIC_IDENTITY_TOKEN, ANTHROPIC_IDENTITY_TOKEN_FILE
  /^CLAUDE_CODE_SKIP_[A-Z0-9_]+_AUTH$/, // CLAUDE_CODE_SKIP_BEDROCK_AUTH, CLAUDE_CODE_SKIP_ANTHROPIC_AWS_AUTH, ...
  /^CLAUDE_CODE_OAUTH_TOKEN/, // CLAUDE_CODE_OAUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR
  /^CLAUDE_CODE_API_KEY/, // CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR, CLAUDE_CODE_API_KEY_HELPER_TTL_MS
  /^CLAUDE_CODE_GATEWAY_TOKEN/, // CLAUDE_CODE_GATEWAY_TOKEN, CLAUDE_CODE_GATEWAY_TOKEN_FILE_DESCRIPTOR
  /^VERTEX_REGION_/, // per-model Vertex regions
];

/** Whether a variable selects Claude Code's provider or credential. Feature switches sharing the CLAUDE_CODE_USE_ prefix do not. */
export function isCredentialVariable(name: string): boolean {
  return EXACT.has(name) || PATTERNS.some((re) => re.test(name));
}

/** Every variable named exactly above: what the tests prove one by one against the real client. */
export const NAMED_VARIABLES: readonly string[] = [...EXACT];

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
 * Secret descriptors that claude does not go past when they close with nothing written:
 * given an empty API-key descriptor, 2.1.332 says "Not logged in" and exits 1. An empty
 * OAuth-token descriptor falls through to the login in .credentials.json, and the gateway's
 * has not been seen, so a launch writes those before claude starts (docs/claude-code.md,
 * "Reading the secret's descriptor").
 */
export const SAFE_WHEN_EMPTY: ReadonlySet<string> = new Set(['CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR']);

/**
 * Descriptor variables Claude Code reads only when the descriptor is a socket (2.1.332: an
 * `isSocket()` check before the read), not a pipe or a file. A launch hands the secret over
 * on a socket pair; the wrappers, being bash, can only give a pipe (docs/claude-code.md).
 */
export const SOCKET_ONLY_DESCRIPTORS: ReadonlySet<string> = new Set(['CLAUDE_CODE_GATEWAY_TOKEN_FILE_DESCRIPTOR']);

/**
 * Variables that decide where Claude Code's own requests go, or whose certificates it
 * trusts: set in a settings file's env block, they take effect as in its environment (2.1.332:
 * an HTTP_PROXY there carries even requests to 127.0.0.1). A project's file that sets them
 * can send the profile's key through a host of its choosing (docs/claude-code.md).
 */
export const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'https_proxy', 'http_proxy', 'all_proxy'] as const;
const TRAFFIC_VARIABLES: ReadonlySet<string> = new Set([...PROXY_VARIABLES, 'NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_EXTRA_CA_CERTS']);

export function isTrafficVariable(name: string): boolean {
  return TRAFFIC_VARIABLES.has(name);
}
