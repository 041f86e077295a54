import type { KindSpec } from '../types.js';

export const gateway: KindSpec = {
  kind: 'gateway',
  summary: 'an Anthropic-compatible gateway or proxy: --base-url and a bearer token',
  fields: [],
  secret: () => ({ need: 'required', label: 'gateway auth token' }),
  problems: (p) => (p.baseUrl ? [] : ['a gateway needs --base-url URL']),
  describe: (p) => `bearer token at ${p.baseUrl ?? '(no base URL)'}`,
};
