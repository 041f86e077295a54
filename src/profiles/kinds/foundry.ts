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
  // Claude Code reads the Foundry key from the environment only.
  launch: (p) => ({
    set: {
      CLAUDE_CODE_USE_FOUNDRY: '1',
      ...(p.resource ? { ANTHROPIC_FOUNDRY_RESOURCE: p.resource } : {}),
      ...(p.baseUrl ? { ANTHROPIC_FOUNDRY_BASE_URL: p.baseUrl } : {}),
    },
    secret: { variable: 'ANTHROPIC_FOUNDRY_API_KEY' },
    removeAws: [],
  }),
};
