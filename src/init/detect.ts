/**
 * What init finds today: credential and provider variables in the shell and in settings
 * env blocks, and the subscription login. Each source becomes profile proposals; nothing
 * here writes anything.
 */
import { join } from 'node:path';
import { readBounded } from '../fs/bounded.js';
import { CREDENTIALS_FILE, LOGIN_LIMIT, parseLogin } from '../claude/login-store.js';
import { readSettingsLayers } from '../claude/settings.js';
import { isSecretVariable } from '../doctor/held.js';
import { awsConfigSection, awsFiles, readAwsIni } from '../aws-files.js';
import { scanRcFiles, type RcAssignment } from '../doctor/rc-scan.js';
import { isClaudeVariable, isOn, isSetupVariable } from '../doctor/variables.js';
import type { Env } from '../paths.js';
import { cleanSecret } from '../profiles/secret-input.js';
import type { Profile } from '../profiles/types.js';
import { profileProblems } from '../profiles/validate.js';
import { extraConfigDirs, nameForConfigDir } from './config-dirs.js';

/** Where variables were found: the shell, or one settings file's env block. */
export interface Source {
  /** For people: "this shell", "~/.claude/settings.json". */
  label: string;
  /** The settings file, when the source is one. */
  file?: string;
  layer?: string;
  /** The start-up file line whose credential this source stands for (its other variables are context). */
  rc?: { file: string; line: number; variable: string };
  vars: Record<string, string>;
}

export interface Proposal {
  /** The name init would like to give it. */
  name: string;
  profile: Profile;
  secret?: string;
  /** Where it was found. */
  sources: Source[];
  /** The variables it takes over (a settings cleanup removes these). */
  variables: string[];
  notes: string[];
}

export interface Skipped {
  what: string;
  why: string;
  fix: string;
}

/** The region of an AWS profile in ~/.aws/config, the way the AWS CLI would read it. */
export function awsRegionOf(profileName: string, env: Env, home: string): string | undefined {
  const config = readAwsIni(awsFiles(env, home).config);
  return config instanceof Map ? awsConfigSection(config, profileName)?.get('region') || undefined : undefined;
}

interface Builder {
  source: Source;
  env: Env;
  home: string;
  proposals: Proposal[];
  skipped: Skipped[];
}

function secretFrom(b: Builder, variable: string): string | undefined {
  const raw = b.source.vars[variable];
  if (raw === undefined || raw === '') return undefined;
  try {
    return cleanSecret(raw, variable);
  } catch {
    b.skipped.push({ what: `${variable} in ${b.source.label}`, why: 'its value is not a usable secret (a newline or control character)', fix: 'add the profile by hand: ccenv add NAME --kind KIND --secret-stdin' });
    return undefined;
  }
}

function propose(b: Builder, name: string, profile: Profile, variables: string[], secret?: string, notes: string[] = []): void {
  const model = b.source.vars.ANTHROPIC_MODEL;
  if (model) {
    profile.model = model;
    variables.push('ANTHROPIC_MODEL');
  }
  let problems = profileProblems(profile);
  if (problems.some((p) => p.startsWith('--model'))) {
    delete profile.model;
    notes.push(`ANTHROPIC_MODEL=${model} is not a model name ccenv accepts; left out`);
    problems = profileProblems(profile);
  }
  if (problems.length > 0) {
    b.skipped.push({
      what: `${profile.kind} settings in ${b.source.label} (${variables.filter((v) => b.source.vars[v] !== undefined).join(', ')})`,
      why: problems.join('; '),
      fix: `add it by hand once you know the rest: ccenv add ${name} --kind ${profile.kind} ... (see ccenv add --help)`,
    });
    return;
  }
  if (secret !== undefined) profile.hasSecret = true;
  b.proposals.push({ name, profile, ...(secret !== undefined ? { secret } : {}), sources: [b.source], variables: variables.filter((v) => b.source.vars[v] !== undefined), notes });
}

function awsProposal(b: Builder, kind: 'bedrock' | 'mantle', baseUrlVariable: string): void {
  const v = b.source.vars;
  const fallback = (name: string) => v[name] ?? (b.source.file ? b.env[name] : undefined);
  const notes: string[] = [];
  const profile: Profile = { kind };
  const variables = [kind === 'bedrock' ? 'CLAUDE_CODE_USE_BEDROCK' : 'CLAUDE_CODE_USE_MANTLE', 'AWS_REGION', 'AWS_DEFAULT_REGION', baseUrlVariable];
  let secret: string | undefined;
  const bearer = kind === 'bedrock' ? secretFrom(b, 'AWS_BEARER_TOKEN_BEDROCK') : undefined;
  const keyId = v.AWS_ACCESS_KEY_ID;
  const awsProfile = fallback('AWS_PROFILE');
  if (bearer !== undefined) {
    profile.bearer = true;
    secret = bearer;
    variables.push('AWS_BEARER_TOKEN_BEDROCK');
  } else if (keyId && v.AWS_SECRET_ACCESS_KEY && !v.AWS_SESSION_TOKEN) {
    profile.accessKeyId = keyId;
    secret = secretFrom(b, 'AWS_SECRET_ACCESS_KEY');
    if (secret === undefined) return;
    variables.push('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY');
  } else if (awsProfile) {
    profile.awsProfile = awsProfile;
    variables.push('AWS_PROFILE');
  } else {
    if (v.AWS_SESSION_TOKEN) notes.push('temporary AWS keys (with a session token) are not stored; the profile uses the default AWS credentials');
  }
  let region = fallback('AWS_REGION') || fallback('AWS_DEFAULT_REGION');
  if (!region) {
    region = awsRegionOf(awsProfile || 'default', b.env, b.home);
    if (region) notes.push(`region ${region} taken from ~/.aws/config (Claude Code itself needs AWS_REGION, which was missing)`);
  }
  if (region) profile.region = region;
  if (v[baseUrlVariable]) profile.baseUrl = v[baseUrlVariable];
  propose(b, kind, profile, variables, secret, notes);
}

/** The profiles one source stands for. */
export function proposalsFrom(source: Source, env: Env, home: string): { proposals: Proposal[]; skipped: Skipped[] } {
  const b: Builder = { source, env, home, proposals: [], skipped: [] };
  const v = source.vars;
  if (isOn(v.CLAUDE_CODE_USE_BEDROCK)) awsProposal(b, 'bedrock', 'ANTHROPIC_BEDROCK_BASE_URL');
  if (isOn(v.CLAUDE_CODE_USE_MANTLE)) awsProposal(b, 'mantle', 'ANTHROPIC_BEDROCK_MANTLE_BASE_URL');
  if (isOn(v.CLAUDE_CODE_USE_VERTEX)) {
    const profile: Profile = { kind: 'vertex' };
    if (v.CLOUD_ML_REGION) profile.region = v.CLOUD_ML_REGION;
    if (v.ANTHROPIC_VERTEX_PROJECT_ID) profile.projectId = v.ANTHROPIC_VERTEX_PROJECT_ID;
    const credentials = v.GOOGLE_APPLICATION_CREDENTIALS ?? (source.file ? undefined : env.GOOGLE_APPLICATION_CREDENTIALS);
    if (credentials) profile.credentialsFile = credentials;
    if (v.ANTHROPIC_VERTEX_BASE_URL) profile.baseUrl = v.ANTHROPIC_VERTEX_BASE_URL;
    propose(b, 'vertex', profile, ['CLAUDE_CODE_USE_VERTEX', 'CLOUD_ML_REGION', 'ANTHROPIC_VERTEX_PROJECT_ID', 'ANTHROPIC_VERTEX_BASE_URL']);
  }
  if (isOn(v.CLAUDE_CODE_USE_FOUNDRY)) {
    const secret = secretFrom(b, 'ANTHROPIC_FOUNDRY_API_KEY');
    const profile: Profile = { kind: 'foundry' };
    if (v.ANTHROPIC_FOUNDRY_RESOURCE) profile.resource = v.ANTHROPIC_FOUNDRY_RESOURCE;
    else if (v.ANTHROPIC_FOUNDRY_BASE_URL) profile.baseUrl = v.ANTHROPIC_FOUNDRY_BASE_URL;
    if (secret === undefined) {
      b.skipped.push({ what: `Foundry settings in ${source.label}`, why: 'there is no ANTHROPIC_FOUNDRY_API_KEY to keep', fix: 'printf %s "$KEY" | ccenv add foundry --kind foundry --resource NAME --secret-stdin' });
    } else propose(b, 'foundry', profile, ['CLAUDE_CODE_USE_FOUNDRY', 'ANTHROPIC_FOUNDRY_RESOURCE', 'ANTHROPIC_FOUNDRY_BASE_URL', 'ANTHROPIC_FOUNDRY_API_KEY'], secret);
  }
  const token = secretFrom(b, 'ANTHROPIC_AUTH_TOKEN');
  if (token !== undefined) {
    if (v.ANTHROPIC_BASE_URL) propose(b, 'gateway', { kind: 'gateway', baseUrl: v.ANTHROPIC_BASE_URL }, ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL'], token);
    else b.skipped.push({ what: `ANTHROPIC_AUTH_TOKEN in ${source.label}`, why: 'there is no ANTHROPIC_BASE_URL to say which gateway it is for', fix: 'printf %s "$TOKEN" | ccenv add gateway --kind gateway --base-url URL --secret-stdin' });
  }
  const key = secretFrom(b, 'ANTHROPIC_API_KEY');
  if (key !== undefined) {
    const profile: Profile = { kind: 'api-key' };
    const variables = ['ANTHROPIC_API_KEY'];
    if (v.ANTHROPIC_BASE_URL && token === undefined) {
      profile.baseUrl = v.ANTHROPIC_BASE_URL;
      variables.push('ANTHROPIC_BASE_URL');
    }
    propose(b, 'api-key', profile, variables, key);
  }
  const oauth = secretFrom(b, 'CLAUDE_CODE_OAUTH_TOKEN');
  if (oauth !== undefined) propose(b, 'subscription-token', { kind: 'subscription' }, ['CLAUDE_CODE_OAUTH_TOKEN'], oauth);
  // A start-up file line stands for its own credential only; the rest of the files is its context.
  const line = source.rc;
  if (line) return { proposals: b.proposals.filter((p) => p.variables.includes(line.variable)), skipped: b.skipped.filter((s) => s.what.includes(line.variable)) };
  return { proposals: b.proposals, skipped: b.skipped };
}

/**
 * One source per start-up file line that sets a credential to a value written out in it
 * (`export ANTHROPIC_API_KEY=sk-...`; not `$(op read ...)` nor `"$VAR"`): the line's own value,
 * with the other plainly written variables of the start-up files (base URL, region, ...) as context.
 */
export function rcCredentialSources(env: Env, home: string): Source[] {
  const scanned = scanRcFiles(env, home, (name) => isClaudeVariable(name) || isSetupVariable(name)).assignments;
  return scanned.filter((a) => a.literal && isSecretVariable(a.variable)).map((a) => rcLineSource(a, scanned));
}

/** The source for one start-up file line `a`, among all the lines the scan found. */
export function rcLineSource(a: RcAssignment, scanned: readonly RcAssignment[]): Source {
  const context: Record<string, string> = {};
  for (const other of scanned) if (other.literal && !isSecretVariable(other.variable)) context[other.variable] = other.value;
  return { label: `${a.file}:${a.line}`, rc: { file: a.file, line: a.line, variable: a.variable }, vars: { ...context, [a.variable]: a.value } };
}

/** A subscription login: the file holds an OAuth login (its content is never shown), read bounded: a FIFO or a device is passed over. */
export function hasLogin(dir: string): { plan?: string } | undefined {
  let read;
  try {
    read = parseLogin(readBounded(join(dir, CREDENTIALS_FILE), LOGIN_LIMIT).toString('utf8'));
  } catch {
    return undefined;
  }
  if (read.state !== 'present') return undefined;
  const plan = read.login.subscriptionType;
  return plan !== undefined ? { plan } : {};
}

export interface Detected {
  sources: Source[];
  proposals: Proposal[];
  skipped: Skipped[];
  /** The default login directory holds a login (the built-in subscription profile uses it). */
  login?: { dir: string; plan?: string };
}

/** Everything init can import, highest precedence first (settings env blocks beat the shell, the shell beats its start-up files). */
export async function detect(env: Env, cwd: string, home: string): Promise<Detected> {
  const sources: Source[] = [];
  const layers = await readSettingsLayers(env, cwd);
  const files = layers.filter((f, i) => f.exists && !f.error && !layers.slice(i + 1).some((g) => g.path === f.path));
  for (const file of files) {
    const vars: Record<string, string> = {};
    for (const [name, entry] of Object.entries(file.env)) vars[name] = entry.value;
    if (Object.keys(vars).some(isClaudeVariable)) sources.push({ label: file.path, file: file.path, layer: file.layer, vars });
  }
  if (!env.CCENV_ACTIVE) {
    const vars: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) if (value !== undefined) vars[name] = value;
    sources.push({ label: 'this shell', vars });
  }
  // Start-up files last: a key the shell or a settings file holds too is theirs (plan merges them).
  sources.push(...rcCredentialSources(env, home));
  const proposals: Proposal[] = [];
  const skipped: Skipped[] = [];
  for (const source of sources) {
    const found = proposalsFrom(source, env, home);
    proposals.push(...found.proposals);
    skipped.push(...found.skipped);
  }
  const out: Detected = { sources, proposals, skipped };
  const configDir = env.CLAUDE_CONFIG_DIR;
  const defaultDir = join(home, '.claude');
  const login = hasLogin(defaultDir);
  if (login) out.login = { dir: defaultDir, ...login };
  const taken = (name: string) => proposals.some((p) => p.name === name);
  if (configDir && configDir !== defaultDir && hasLogin(configDir) && !env.CCENV_ACTIVE) {
    proposals.push({
      name: nameForConfigDir(configDir, taken),
      profile: { kind: 'subscription', configDir },
      sources: [{ label: 'this shell', vars: { CLAUDE_CONFIG_DIR: configDir } }],
      variables: ['CLAUDE_CONFIG_DIR'],
      notes: [`the claude login in ${configDir}`],
    });
  }
  // Directories kept for other accounts: ~/.claude-* with a login, CLAUDE_CONFIG_DIR in start-up files.
  for (const found of extraConfigDirs(env, home, (dir) => hasLogin(dir) !== undefined)) {
    if (proposals.some((p) => p.profile.configDir === found.dir)) continue;
    proposals.push({
      name: nameForConfigDir(found.dir, taken),
      profile: { kind: 'subscription', configDir: found.dir },
      sources: [{ label: found.label, vars: { CLAUDE_CONFIG_DIR: found.dir } }],
      variables: [],
      notes: [`the claude login in ${found.dir}`],
    });
  }
  return out;
}

/** What makes two proposals (or a proposal and a profile) the same: the kind and every field but notes. */
export function sameShape(a: Profile, b: Profile): boolean {
  const key = (p: Profile) => {
    const { description: _d, hasSecret: _h, secretBackend: _s, secretSetAt: _t, claude: _c, env: _e, ...rest } = p;
    return JSON.stringify(Object.entries(rest).sort(([x], [y]) => x.localeCompare(y)));
  };
  return key(withoutChain(a)) === key(withoutChain(b));
}

/** A profile's fallbacks are not part of what it is. */
function withoutChain(profile: Profile): Profile {
  const { fallback: _f, ...rest } = profile;
  return rest;
}

