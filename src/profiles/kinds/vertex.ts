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
};
