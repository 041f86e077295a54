import type { KindLaunch, KindSpec, Profile } from '../types.js';

/**
 * Claude Code's gateway mode (CLAUDE_CODE_USE_GATEWAY) reads the bearer token from an
 * inherited descriptor, but accepts plain http only for a local address. Elsewhere the
 * token travels as ANTHROPIC_AUTH_TOKEN in the environment.
 */
export function gatewayTakesDescriptor(baseUrl: string | undefined): boolean {
  if (!baseUrl) return false;
  try {
    const url = new URL(baseUrl);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname);
  } catch {
    return false;
  }
}

function launch(p: Profile): KindLaunch {
  return {
    set: { ...(p.baseUrl ? { ANTHROPIC_BASE_URL: p.baseUrl } : {}) },
    secret: gatewayTakesDescriptor(p.baseUrl)
      ? { variable: 'ANTHROPIC_AUTH_TOKEN', descriptor: 'CLAUDE_CODE_GATEWAY_TOKEN_FILE_DESCRIPTOR', withDescriptor: { CLAUDE_CODE_USE_GATEWAY: '1' } }
      : { variable: 'ANTHROPIC_AUTH_TOKEN' },
    removeAws: [],
  };
}

export const gateway: KindSpec = {
  kind: 'gateway',
  summary: 'an Anthropic-compatible gateway or proxy: --base-url and a bearer token',
  fields: [],
  secret: () => ({ need: 'required', label: 'gateway auth token' }),
  problems: (p) => (p.baseUrl ? [] : ['a gateway needs --base-url URL']),
  describe: (p) => `bearer token at ${p.baseUrl ?? '(no base URL)'}`,
  launch,
};
