import type { KindSpec, Profile, ProfileKind } from '../types.js';

/** How an AWS-hosted profile (Bedrock, Mantle) authenticates. */
export type AwsAuth = 'aws-profile' | 'access-keys' | 'bearer' | 'default-chain';

export function awsAuth(p: Profile): AwsAuth {
  if (p.bearer) return 'bearer';
  if (p.accessKeyId) return 'access-keys';
  if (p.awsProfile) return 'aws-profile';
  return 'default-chain';
}

/** Bedrock and Mantle share their fields and rules; only the provider differs. */
export function awsKind(kind: ProfileKind, provider: string): KindSpec {
  return {
    kind,
    summary: `${provider}: --region and one of --aws-profile, --access-key-id (secret: the secret access key), --bearer (secret: a Bedrock API key)`,
    fields: ['region', 'awsProfile', 'accessKeyId', 'bearer'],
    secret(p) {
      const auth = awsAuth(p);
      if (auth === 'access-keys') return { need: 'required', label: 'AWS secret access key' };
      if (auth === 'bearer') return { need: 'required', label: 'Bedrock API key' };
      return { need: 'none', label: '' };
    },
    problems(p) {
      const out: string[] = [];
      if (!p.region) out.push(`${provider} needs --region (like us-east-1)`);
      const ways = [p.awsProfile && '--aws-profile', p.accessKeyId && '--access-key-id', p.bearer && '--bearer'].filter(Boolean);
      if (ways.length > 1) out.push(`choose one way to authenticate, not ${ways.join(' and ')}`);
      return out;
    },
    describe(p) {
      const auth = awsAuth(p);
      const how =
        auth === 'aws-profile'
          ? `AWS profile ${p.awsProfile}`
          : auth === 'access-keys'
            ? `access key ${p.accessKeyId}`
            : auth === 'bearer'
              ? 'Bedrock API key'
              : 'default AWS credentials';
      return `${provider} in ${p.region ?? '(no region)'}, ${how}`;
    },
  };
}
