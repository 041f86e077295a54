import type { KindSpec } from '../types.js';

export const apiKey: KindSpec = {
  kind: 'api-key',
  summary: 'an Anthropic API key (Console billing), optionally with --base-url',
  fields: [],
  secret: () => ({ need: 'required', label: 'API key (sk-ant-api03-...)' }),
  problems: () => [],
  describe: (p) => (p.baseUrl ? `API key at ${p.baseUrl}` : 'API key'),
};
