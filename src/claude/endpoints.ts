/**
 * Where Claude Code sends a profile's requests and with which headers, as seen with the
 * pinned claude against the stand-in (docs/claude-code.md, "Free requests a check can make").
 */

/** The first-party API, when no ANTHROPIC_BASE_URL is set. */
export const ANTHROPIC_API_URL = 'https://api.anthropic.com';

/** Sent by claude on every request to an Anthropic-style endpoint. */
export const ANTHROPIC_VERSION_HEADER = { 'anthropic-version': '2023-06-01' } as const;

/** Sent by claude beside `Authorization: Bearer` when the token is a subscription one (CLAUDE_CODE_OAUTH_TOKEN). */
export const OAUTH_BETA_HEADER = { 'anthropic-beta': 'oauth-2025-04-20' } as const;

/** ANTHROPIC_FOUNDRY_BASE_URL as given, else the resource's own host, path included. */
export function foundryBaseUrl(resource: string | undefined, baseUrl: string | undefined): string | undefined {
  if (baseUrl) return baseUrl;
  return resource ? `https://${resource}.services.ai.azure.com/anthropic` : undefined;
}

/** `{base}/v1/models`: lists models, spends no tokens. */
export function modelsUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/models`;
}

/** The hosts each kind's own provider serves its API from; any other base URL is a third party's. */
const PROVIDER_HOSTS: Record<string, RegExp | undefined> = {
  'api-key': /^api\.anthropic\.com$/,
  subscription: /^api\.anthropic\.com$/,
  bedrock: /^bedrock-runtime(-fips)?\.[a-z0-9-]+\.amazonaws\.com$/,
  mantle: /^bedrock-mantle\.[a-z0-9-]+\.(api\.aws|amazonaws\.com)$/,
  vertex: /^([a-z0-9-]+-)?aiplatform\.googleapis\.com$/,
  foundry: /^[a-z0-9-]+\.services\.ai\.azure\.com$/,
};

/** Whether `url` is the kind's own provider (https only); a gateway never is. */
export function isProviderOwnUrl(kind: string, url: string): boolean {
  const host = PROVIDER_HOSTS[kind];
  try {
    const parsed = new URL(url);
    return host !== undefined && parsed.protocol === 'https:' && host.test(parsed.hostname);
  } catch {
    return false;
  }
}
