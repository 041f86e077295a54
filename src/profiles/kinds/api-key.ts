import type { KindSpec } from '../types.js';

export const apiKey: KindSpec = {
  kind: 'api-key',
  summary: 'an Anthropic API key (Console billing), optionally with --base-url',
  fields: [],
  secret: () => ({ need: 'required', label: 'API key (sk-ant-api03-...)' }),
  problems: () => [],
  describe: (p) => (p.baseUrl ? `API key at ${p.baseUrl}` : 'API key'),
  launch: (p) => ({
    set: { ...(p.baseUrl ? { ANTHROPIC_BASE_URL: p.baseUrl } : {}) },
    secret: { variable: 'ANTHROPIC_API_KEY', descriptor: 'CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR' },
    removeAws: [],
  }),
};
