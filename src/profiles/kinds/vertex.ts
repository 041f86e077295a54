import type { KindSpec } from '../types.js';

export const vertex: KindSpec = {
  kind: 'vertex',
  summary: 'Google Vertex AI: --region, --project-id, optionally --credentials-file (else gcloud ADC)',
  fields: ['region', 'projectId', 'credentialsFile'],
  secret: () => ({ need: 'none', label: '' }),
  problems(p) {
    const out: string[] = [];
    if (!p.region) out.push('Vertex needs --region (like us-east5, or global)');
    if (!p.projectId) out.push('Vertex needs --project-id');
    return out;
  },
  describe: (p) =>
    `Vertex ${p.projectId ?? '(no project)'} in ${p.region ?? '(no region)'}${p.credentialsFile ? `, ${p.credentialsFile}` : ', gcloud credentials'}`,
  launch: (p) => ({
    set: {
      CLAUDE_CODE_USE_VERTEX: '1',
      ...(p.region ? { CLOUD_ML_REGION: p.region } : {}),
      ...(p.projectId ? { ANTHROPIC_VERTEX_PROJECT_ID: p.projectId } : {}),
      ...(p.baseUrl ? { ANTHROPIC_VERTEX_BASE_URL: p.baseUrl } : {}),
      ...(p.credentialsFile ? { GOOGLE_APPLICATION_CREDENTIALS: p.credentialsFile } : {}),
    },
    removeAws: [],
  }),
};
