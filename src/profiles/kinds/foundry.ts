import type { KindSpec } from '../types.js';

export const foundry: KindSpec = {
  kind: 'foundry',
  summary: 'Microsoft Foundry: --resource or --base-url, and an API key',
  fields: ['resource'],
  secret: () => ({ need: 'required', label: 'Foundry API key' }),
  problems(p) {
    if (p.resource && p.baseUrl) return ['give --resource or --base-url, not both'];
    if (!p.resource && !p.baseUrl) return ['Foundry needs --resource NAME or --base-url URL'];
    return [];
  },
  describe: (p) => `Foundry ${p.resource ? `resource ${p.resource}` : (p.baseUrl ?? '')}`,
};
