/**
 * What a credential or provider variable does to Claude Code, in words, and whether a set
 * of variables selects a provider only halfway. The variable lists themselves live in
 * src/claude/variables.ts; this file only explains them.
 */
import { isCredentialVariable, PROVIDER_SWITCHES } from '../claude/variables.js';

/** The variables doctor and init look for: everything a launch scrubs, plus the Bedrock API key. */
export function isClaudeVariable(name: string): boolean {
  return isCredentialVariable(name) || name === 'AWS_BEARER_TOKEN_BEDROCK';
}

/** Whether a switch variable is on: Claude Code treats any non-empty value but 0/false as on. */
export function isOn(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

export function whyVariable(name: string): string {
  if ((PROVIDER_SWITCHES as readonly string[]).includes(name)) {
    return 'it switches every claude started with it to a cloud provider, whatever profile or login you meant to use';
  }
  switch (name) {
    case 'ANTHROPIC_API_KEY':
      return 'it beats your subscription login: claude bills this API key, and every command claude runs can read it';
    case 'ANTHROPIC_AUTH_TOKEN':
      return 'claude sends it as a bearer token instead of your login, and every command claude runs can read it';
    case 'CLAUDE_CODE_OAUTH_TOKEN':
      return 'it replaces your login with this token, and every command claude runs can read it';
    case 'CLAUDE_CONFIG_DIR':
      return "it moves claude's login, settings and history to another directory";
    case 'AWS_BEARER_TOKEN_BEDROCK':
      return 'it is a Bedrock API key that every command claude runs can read';
    case 'ANTHROPIC_FOUNDRY_API_KEY':
      return 'it is a Foundry API key that every command claude runs can read';
  }
  if (name.endsWith('BASE_URL')) return 'it sends claude to another endpoint than the one your profile means';
  if (name.includes('MODEL')) return 'it changes the model of every claude started with it';
  return "it chooses Claude Code's provider or credential outside any profile";
}

interface ProviderNeeds {
  switch: string;
  provider: string;
  /** Each entry: variables of which at least one must be set. */
  needs: string[][];
  /** The ccenv kind that holds this provider. */
  kind: string;
  /** Other tools' variables that belong to this setup when the switch is on (region, AWS profile, ...). */
  companions: string[];
}

const AWS_SETUP = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

const PROVIDERS: readonly ProviderNeeds[] = [
  { switch: 'CLAUDE_CODE_USE_BEDROCK', provider: 'Bedrock', kind: 'bedrock', needs: [['AWS_REGION']], companions: AWS_SETUP },
  { switch: 'CLAUDE_CODE_USE_MANTLE', provider: 'Bedrock Mantle', kind: 'mantle', needs: [['AWS_REGION']], companions: AWS_SETUP },
  { switch: 'CLAUDE_CODE_USE_VERTEX', provider: 'Vertex', kind: 'vertex', needs: [['CLOUD_ML_REGION'], ['ANTHROPIC_VERTEX_PROJECT_ID']], companions: ['GOOGLE_APPLICATION_CREDENTIALS'] },
  {
    switch: 'CLAUDE_CODE_USE_FOUNDRY',
    provider: 'Foundry',
    kind: 'foundry',
    needs: [['ANTHROPIC_FOUNDRY_RESOURCE', 'ANTHROPIC_FOUNDRY_BASE_URL']],
    companions: [],
  },
];

export interface HalfSet {
  switch: string;
  provider: string;
  kind: string;
  missing: string[];
}

/** Providers switched on whose other required variables are missing. */
export function halfSetProviders(vars: Readonly<Record<string, string | undefined>>): HalfSet[] {
  const out: HalfSet[] = [];
  for (const p of PROVIDERS) {
    if (!isOn(vars[p.switch])) continue;
    const missing = p.needs.filter((any) => !any.some((v) => vars[v])).map((any) => any.join(' or '));
    if (missing.length > 0) out.push({ switch: p.switch, provider: p.provider, kind: p.kind, missing });
  }
  return out;
}

/** Variables of other tools that a provider setup uses (AWS_REGION, AWS_PROFILE, ...): scanned, never a trap alone. */
export function isSetupVariable(name: string): boolean {
  return PROVIDERS.some((p) => p.companions.includes(name));
}

/** For a provider switch that is on in `vars`: the provider's name and which of its companion variables are set. */
export function setupOf(switchName: string, vars: Readonly<Record<string, string | undefined>>): { provider: string; companions: string[] } | undefined {
  const p = PROVIDERS.find((q) => q.switch === switchName);
  if (!p || !isOn(vars[switchName])) return undefined;
  return { provider: p.provider, companions: p.companions.filter((v) => vars[v] !== undefined) };
}
