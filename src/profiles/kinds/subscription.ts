import type { KindSpec } from '../types.js';

export const subscription: KindSpec = {
  kind: 'subscription',
  summary: "Claude's own login (Pro/Max), optionally its own --config-dir; or a `claude setup-token` token as the secret",
  fields: ['configDir'],
  secret: () => ({ need: 'optional', label: 'setup-token (sk-ant-oat01-...)' }),
  problems: () => [],
  describe: (p) =>
    p.hasSecret || p.secretFrom || p.secretCommand ? 'subscription token (setup-token)' : p.configDir ? `claude login in ${p.configDir}` : "claude's own login",
  launch: (p) => ({
    set: { ...(p.configDir ? { CLAUDE_CONFIG_DIR: p.configDir } : {}), ...(p.baseUrl ? { ANTHROPIC_BASE_URL: p.baseUrl } : {}) },
    ...(p.hasSecret || p.secretFrom || p.secretCommand ? { secret: { variable: 'CLAUDE_CODE_OAUTH_TOKEN', descriptor: 'CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR' } } : {}),
    removeAws: [],
  }),
};
