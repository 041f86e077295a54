/**
 * Per kind, how its credential can be checked for free: the request Claude Code would make
 * in form (endpoint, auth header), pointed at GET /v1/models; or why it cannot be.
 */
import { ANTHROPIC_API_URL, ANTHROPIC_VERSION_HEADER, OAUTH_BETA_HEADER, foundryBaseUrl, modelsUrl } from '../claude/endpoints.js';
import type { Profile } from '../profiles/types.js';
import type { Outcome, Verdict } from './classify.js';
import type { Probe } from './probe.js';

/** Google auth is not available here: no library for it is installed. (Bedrock and Mantle: aws.ts.) */
const NO_SIGNER: Partial<Record<Profile['kind'], string>> = {
  vertex: 'a Vertex check needs a Google access token, which ccenv does not mint',
};

/** What to do for a profile: ask an endpoint (and read its answer with `judge`, else classify), read Claude's own login, or nothing (a verdict already). */
export type CheckPlan = { probe: Probe; judge?: (outcome: Outcome) => Verdict } | { login: string | undefined } | { verdict: Verdict };

/** `secret`: the profile's secret from the store (undefined when it holds none). */
export function planCheck(profile: Profile, secret: string | undefined): CheckPlan {
  const unsigned = NO_SIGNER[profile.kind];
  if (unsigned) return { verdict: { status: 'unchecked', detail: unsigned } };
  const base = profile.baseUrl || ANTHROPIC_API_URL;
  switch (profile.kind) {
    case 'subscription':
      if (secret === undefined) return { login: profile.configDir };
      return { probe: { url: modelsUrl(base), headers: { authorization: `Bearer ${secret}`, ...OAUTH_BETA_HEADER, ...ANTHROPIC_VERSION_HEADER } } };
    case 'api-key':
      return { probe: { url: modelsUrl(base), headers: { 'x-api-key': secret ?? '', ...ANTHROPIC_VERSION_HEADER } } };
    case 'gateway':
      return { probe: { url: modelsUrl(base), headers: { authorization: `Bearer ${secret ?? ''}`, ...ANTHROPIC_VERSION_HEADER } } };
    case 'foundry': {
      const foundry = foundryBaseUrl(profile.resource, profile.baseUrl);
      if (!foundry) return { verdict: { status: 'unchecked', detail: 'no --resource or --base-url' } };
      return { probe: { url: modelsUrl(foundry), headers: { 'x-api-key': secret ?? '', ...ANTHROPIC_VERSION_HEADER } } };
    }
    default:
      return { verdict: { status: 'unchecked', detail: `no free request is known for kind ${profile.kind}` } };
  }
}
