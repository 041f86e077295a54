/**
 * The free check of a Bedrock or Mantle profile (docs/claude-code.md, "Free requests a
 * check can make"). Access keys: STS GetCallerIdentity, SigV4-signed by the aws4 library
 * (needs no permission, spends nothing; the secret key only ever becomes the signature).
 * A Bedrock API key: the request Claude Code makes with it on every Bedrock start, GET
 * /inference-profiles?type=SYSTEM_DEFINED (ListInferenceProfiles, Bedrock's control plane)
 * with the key as Bearer, at the profile's base URL as Claude Code does, else Bedrock's.
 * Endpoints: AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_BEDROCK, then AWS_ENDPOINT_URL, from the
 * profile's env first, then the caller's (the AWS SDKs' own variables), so a stand-in can
 * answer; else the region's public endpoint.
 */
import type { Env } from '../paths.js';
import type { Profile } from '../profiles/types.js';
import { awsAuth } from '../profiles/kinds/aws.js';
import { chainKeys, type AwsKeys } from './aws-credentials.js';
import { classify, clip, type Outcome, type Verdict } from './classify.js';
import type { Probe } from './probe.js';

/** What an AWS check does: a request and how to read its answer, or a verdict already. */
export type AwsPlan = { probe: Probe; judge: (outcome: Outcome) => Verdict } | { verdict: Verdict };

/** Enough of an AWS answer for its error code or the caller's ARN. */
const KEPT_BODY = 4096;

const GET_CALLER_IDENTITY = 'Action=GetCallerIdentity&Version=2011-06-15';
/** What Claude Code 2.1.332 asks Bedrock's control plane first (docs/claude-code.md). */
export const LIST_INFERENCE_PROFILES = 'inference-profiles?type=SYSTEM_DEFINED';

/** AWS error codes that say the credential itself was refused. */
const REFUSED = /^(InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|ExpiredTokenException|UnrecognizedClientException|IncompleteSignature|InvalidSignatureException|AccessDenied|AccessDeniedException|AuthFailure|MissingAuthenticationToken)$/;
/** AWS error codes that say the caller is being throttled (STS answers them with 400). */
const THROTTLED = /^(Throttling|ThrottlingException|RequestLimitExceeded|TooManyRequestsException|ServiceQuotaExceededException)$/;

/** The override for `service` (STS, BEDROCK), from the profile's env, then the caller's; undefined when none. */
export function endpointOverride(service: string, profileEnv: Env, caller: Env): string | undefined {
  const name = `AWS_ENDPOINT_URL_${service}`;
  return profileEnv[name] || profileEnv.AWS_ENDPOINT_URL || caller[name] || caller.AWS_ENDPOINT_URL || undefined;
}

/** `host` in the region's partition: amazonaws.com, or amazonaws.com.cn in China. */
function regionalHost(service: string, region: string): string {
  return `https://${service}.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

export function stsUrl(region: string, profileEnv: Env, caller: Env): string {
  return endpointOverride('STS', profileEnv, caller) ?? regionalHost('sts', region);
}

export function bedrockUrl(region: string, profileEnv: Env, caller: Env): string {
  return endpointOverride('BEDROCK', profileEnv, caller) ?? regionalHost('bedrock', region);
}

/** POST GetCallerIdentity to `endpoint`, signed for STS in `region` (aws4 is loaded only here). */
export async function stsProbe(endpoint: string, region: string, keys: AwsKeys): Promise<Probe> {
  const { sign } = (await import('aws4')).default;
  const url = new URL(endpoint);
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  const signed = sign(
    { host: url.host, path, method: 'POST', service: 'sts', region, body: GET_CALLER_IDENTITY, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } },
    keys,
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers ?? {})) {
    // fetch sets Host and Content-Length itself, to the same values that were signed.
    if (value === undefined || /^(host|content-length)$/i.test(name)) continue;
    headers[name.toLowerCase()] = String(value);
  }
  return { url: `${url.origin}${path}`, headers, body: GET_CALLER_IDENTITY, keepBody: KEPT_BODY };
}

/** The AWS error code of an answer: the XML `<Code>`, the JSON `__type`, or x-amzn-errortype. */
export function awsErrorCode(outcome: Outcome): string | undefined {
  if (!('answer' in outcome)) return undefined;
  const fromHeader = outcome.headers['x-amzn-errortype']?.split(':')[0];
  const body = outcome.body ?? '';
  const found = fromHeader || /<Code>\s*([^<]*?)\s*<\/Code>/.exec(body)?.[1] || /"__type"\s*:\s*"(?:[^"#]*#)?([^"]*)"/.exec(body)?.[1];
  return found && /^[A-Za-z0-9.]{1,64}$/.test(found) ? found : undefined;
}

/** Reads an AWS answer: the error code decides where there is one; 200 from STS names the caller. */
export function judgeAws(outcome: Outcome): Verdict {
  if (!('answer' in outcome)) return classify(outcome);
  const http = `HTTP ${outcome.answer}`;
  if (outcome.answer >= 200 && outcome.answer < 300) {
    const arn = /<Arn>\s*(arn:[A-Za-z0-9:/_+=,.@-]{1,200})\s*<\/Arn>/.exec(outcome.body ?? '')?.[1];
    return { status: 'ok', detail: arn ? `${http}; ${clip(arn)}` : http };
  }
  const code = awsErrorCode(outcome);
  if (code && THROTTLED.test(code)) return { status: 'limited', detail: `${http} ${code}` };
  if (code && REFUSED.test(code)) return { status: 'rejected', detail: `${http} ${code}` };
  const verdict = classify(outcome);
  return code ? { ...verdict, detail: `${http} ${code}${verdict.detail.slice(http.length)}` } : verdict;
}

/**
 * The check of a Bedrock or Mantle profile. `secret`: the profile's secret (the secret
 * access key, or the Bedrock API key); `caller`: ccenv's own environment.
 */
export async function awsCheckPlan(profile: Profile, secret: string | undefined, caller: Env): Promise<AwsPlan> {
  const region = profile.region!;
  const own: Env = profile.env ?? {};
  const auth = awsAuth(profile);
  if (auth === 'bearer') {
    // Mantle's base URL serves only messages: its key is checked on Bedrock's control plane.
    const base = (profile.kind === 'bedrock' && profile.baseUrl) || bedrockUrl(region, own, caller);
    const url = `${base.replace(/\/+$/, '')}/${LIST_INFERENCE_PROFILES}`;
    return { probe: { url, headers: { authorization: `Bearer ${secret ?? ''}` }, keepBody: KEPT_BODY }, judge: judgeAws };
  }
  const credential =
    auth === 'access-keys' ? { keys: { accessKeyId: profile.accessKeyId!, secretAccessKey: secret ?? '' } } : chainKeys({ ...caller, ...own }, profile.awsProfile);
  if ('none' in credential) return { verdict: { status: 'unchecked', detail: credential.none } };
  try {
    return { probe: await stsProbe(stsUrl(region, own, caller), region, credential.keys), judge: judgeAws };
  } catch {
    return { verdict: { status: 'unchecked', detail: 'the STS endpoint is not a valid URL (AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL)' } };
  }
}
