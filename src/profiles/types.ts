/** The seven ways Claude Code can authenticate that a profile can stand for. */
export const PROFILE_KINDS = ['subscription', 'api-key', 'gateway', 'bedrock', 'mantle', 'vertex', 'foundry'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export function isProfileKind(value: unknown): value is ProfileKind {
  return typeof value === 'string' && (PROFILE_KINDS as readonly string[]).includes(value);
}

/**
 * A profile as stored in config.json. It never holds a secret: `hasSecret` only records
 * that one was put in the secret store under the profile's name.
 */
export interface Profile {
  kind: ProfileKind;
  description?: string;
  /** The provider's base URL, for kinds that have one. */
  baseUrl?: string;
  model?: string;
  /** Non-secret extras set in claude's environment. */
  env?: Record<string, string>;
  /** Which claude to launch. */
  claude?: string;
  hasSecret?: boolean;
  /** The backend the secret was stored in (`keychain`, `file`); absent in profiles from before it was recorded. */
  secretBackend?: string;
  /** subscription: a CLAUDE_CONFIG_DIR of its own (a second account). */
  configDir?: string;
  /** bedrock, mantle, vertex. */
  region?: string;
  /** bedrock, mantle: a named profile from ~/.aws/config. */
  awsProfile?: string;
  /** bedrock, mantle: the access key id; the secret access key is the secret. */
  accessKeyId?: string;
  /** bedrock, mantle: the secret is a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK). */
  bearer?: boolean;
  /** vertex. */
  projectId?: string;
  /** vertex: a Google service-account or ADC file. */
  credentialsFile?: string;
  /** foundry: the Azure resource name. */
  resource?: string;
  /** Profiles to launch instead, in this order, when this one's health is known to be bad. */
  fallback?: string[];
  /**
   * When the secret was last stored, ms since the epoch: a `rejected` seen before it no
   * longer counts, and a setup token's year counts from it.
   */
  secretSetAt?: number;
  /** subscription: its config directory is ccenv's own, under $XDG_DATA_HOME/ccenv/accounts/NAME. */
  ownLogin?: boolean;
  /** subscription with its own login: `projects/` (history) is shared with the main Claude directory too. */
  sharedHistory?: boolean;
  /** Where the secret comes from instead of the secret store: `op://VAULT/ITEM/FIELD`, `pass:PATH`, `env:VAR`. */
  secretFrom?: string;
  /** A program (argv, no shell) that prints the secret, instead of the secret store. */
  secretCommand?: string[];
}

/** The keys of Profile that a user sets (everything but kind, hasSecret, secretBackend and secretSetAt). */
export type ProfileField = Exclude<keyof Profile, 'kind' | 'hasSecret' | 'secretBackend' | 'secretSetAt'>;

export interface NamedProfile {
  name: string;
  profile: Profile;
}

/** Whether a kind takes a secret, given the rest of the profile. */
export type SecretNeed = 'required' | 'optional' | 'none';

export interface KindSpec {
  kind: ProfileKind;
  /** One line for `ccenv add --help` and `list`. */
  summary: string;
  /** Fields this kind accepts beyond the common ones. */
  fields: readonly ProfileField[];
  /** Whether this profile takes a secret, and what it is called in prompts and messages. */
  secret(profile: Profile): { need: SecretNeed; label: string };
  /** Problems that make the profile unusable, each a full sentence naming the flag to fix it. */
  problems(profile: Profile): string[];
  /** How the profile authenticates, in a few words, for list and show. */
  describe(profile: Profile): string;
  /** What a launch of this profile sets in claude's environment, and how its secret travels. */
  launch(profile: Profile): KindLaunch;
}

/**
 * What a kind sets for a launch. `set` never holds a secret: the secret (read from the
 * store) goes to `secret.variable` in the environment, or, when `secret.descriptor` is
 * given and claude is the program launched, through an inherited file descriptor whose
 * number is put in that variable (and `secret.withDescriptor` is set as well).
 */
export interface KindLaunch {
  set: Record<string, string>;
  secret?: { variable: string; descriptor?: string; withDescriptor?: Record<string, string> };
  /** AWS credential variables to remove from the caller's environment (the profile's choice would lose to them). */
  removeAws: readonly string[];
}
