import { AWS_CREDENTIAL_VARIABLES } from '../../claude/variables.js';
import type { KindLaunch, KindSpec, Profile, ProfileKind } from '../types.js';

/** How an AWS-hosted profile (Bedrock, Mantle) authenticates. */
export type AwsAuth = 'aws-profile' | 'access-keys' | 'bearer' | 'default-chain';

export function awsAuth(p: Profile): AwsAuth {
  if (p.bearer) return 'bearer';
  if (p.accessKeyId) return 'access-keys';
  if (p.awsProfile) return 'aws-profile';
  return 'default-chain';
}

/** What Bedrock and Mantle launches differ in: the provider switch and the base-URL variable. */
const PROVIDER_VARIABLES: Partial<Record<ProfileKind, { use: string; baseUrl: string }>> = {
  bedrock: { use: 'CLAUDE_CODE_USE_BEDROCK', baseUrl: 'ANTHROPIC_BEDROCK_BASE_URL' },
  mantle: { use: 'CLAUDE_CODE_USE_MANTLE', baseUrl: 'ANTHROPIC_BEDROCK_MANTLE_BASE_URL' },
};

/**
 * The AWS variables a profile removes from the caller's environment: everything that picks
 * an AWS credential when the profile names its own (keys in the environment beat
 * AWS_PROFILE); with the default chain, only the Bedrock API key, which beats any chain.
 */
function awsLaunch(kind: ProfileKind, p: Profile): KindLaunch {
  const vars = PROVIDER_VARIABLES[kind]!;
  const set: Record<string, string> = { [vars.use]: '1' };
  if (p.region) set.AWS_REGION = p.region;
  if (p.baseUrl) set[vars.baseUrl] = p.baseUrl;
  const auth = awsAuth(p);
  if (auth === 'default-chain') return { set, removeAws: ['AWS_BEARER_TOKEN_BEDROCK'] };
  if (auth === 'aws-profile') set.AWS_PROFILE = p.awsProfile!;
  if (auth === 'access-keys') set.AWS_ACCESS_KEY_ID = p.accessKeyId!;
  const secret =
    auth === 'access-keys' ? { variable: 'AWS_SECRET_ACCESS_KEY' } : auth === 'bearer' ? { variable: 'AWS_BEARER_TOKEN_BEDROCK' } : undefined;
  return { set, removeAws: AWS_CREDENTIAL_VARIABLES, ...(secret ? { secret } : {}) };
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
    launch: (p) => awsLaunch(kind, p),
  };
}
