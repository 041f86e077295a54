/**
 * Each profile complete for its kind: the kind's own problems, a secret when one is
 * required, the named AWS profile in ~/.aws/config or ~/.aws/credentials, the Vertex
 * credentials file, the claude binary it names.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { awsFiles, awsProfileNames, readAwsIni } from '../aws-files.js';
import { describeIdentity, knownIdentity, loginCommand } from '../accounts/identity.js';
import { loginConfigDir } from '../accounts/login.js';
import { describeTokenEnd, setupTokenEndingSoon } from '../claude/setup-token.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { chainProblems } from '../profiles/fallback.js';
import { findProfile } from '../profiles/lookup.js';
import type { Profile } from '../profiles/types.js';
import { withArticle } from '../profiles/secret-input.js';
import { profileProblems } from '../profiles/validate.js';
import { hasSecretSource } from '../profiles/secret-source.js';
import { sourceName } from '../secrets/sources/reference.js';
import { tilde, type Check, type DoctorInput, type Finding } from './finding.js';

function expand(path: string, home: string): string {
  return path.replace(/^~(?=\/|$)/, home);
}

function profileFindings(name: string, profile: Profile, input: DoctorInput): Finding[] {
  const out: Finding[] = [];
  const problem = (id: string, what: string, fix: string, why = `ccenv cannot start profile ${name} as it is`): Finding => ({
    id,
    severity: 'error',
    what: `profile ${name}: ${what}`,
    why,
    fix,
  });
  for (const p of profileProblems(profile)) out.push(problem('profile.incomplete', p, `ccenv edit ${name} ... (see ccenv edit --help)`));
  const secret = kindSpec(profile.kind).secret(profile);
  if (secret.need === 'required' && !profile.hasSecret && !hasSecretSource(profile)) {
    out.push(problem('profile.no-secret', `it needs ${withArticle(secret.label)} and has none`, `printf %s "$SECRET" | ccenv edit ${name} --secret-stdin`));
  }
  if (profile.awsProfile) {
    const files = awsFiles(input.env, input.home);
    const config = readAwsIni(files.config);
    const credentials = readAwsIni(files.credentials);
    const unreadable = [[files.config, config], [files.credentials, credentials]] as const;
    for (const [path, read] of unreadable) {
      if (read instanceof Map) continue;
      out.push(
        problem(
          'profile.aws-file-unreadable',
          `${tilde(path, input.home)} cannot be read: ${read.reason}`,
          `make it a plain file readable by you (ls -l ${tilde(path, input.home)})`,
          `ccenv cannot tell whether AWS profile ${profile.awsProfile} is there, and the AWS SDK inside claude cannot read it either`,
        ),
      );
    }
    const known = new Set([
      ...(config instanceof Map ? awsProfileNames(config, true) : []),
      ...(credentials instanceof Map ? awsProfileNames(credentials, false) : []),
    ]);
    if (config instanceof Map && credentials instanceof Map && !known.has(profile.awsProfile)) {
      out.push(
        problem(
          'profile.aws-profile-missing',
          `AWS profile ${profile.awsProfile} is in neither ${tilde(files.config, input.home)} nor ${tilde(files.credentials, input.home)}`,
          `create it (aws configure --profile ${profile.awsProfile}, or aws configure sso), or point the profile at another: ccenv edit ${name} --aws-profile NAME`,
          'the AWS SDK inside claude will fail to find credentials',
        ),
      );
    }
  }

  if (profile.kind === 'vertex') {
    if (profile.credentialsFile) {
      const file = expand(profile.credentialsFile, input.home);
      try {
        accessSync(file, constants.R_OK);
      } catch {
        out.push(
          problem(
            'profile.credentials-file-missing',
            `its credentials file ${tilde(file, input.home)} does not exist or cannot be read`,
            `put the Google credentials file there, or: ccenv edit ${name} --credentials-file FILE`,
            'claude cannot authenticate to Vertex',
          ),
        );
      }
    } else {
      const adc = join(input.env.CLOUDSDK_CONFIG || join(input.home, '.config', 'gcloud'), 'application_default_credentials.json');
      try {
        statSync(adc);
      } catch {
        out.push({
          id: 'profile.no-adc',
          severity: 'warning',
          what: `profile ${name}: no --credentials-file and no gcloud application-default credentials (${tilde(adc, input.home)})`,
          why: 'claude cannot authenticate to Vertex unless the machine provides credentials (a metadata server)',
          fix: `gcloud auth application-default login, or: ccenv edit ${name} --credentials-file FILE`,
        });
      }
    }
  }
  if (profile.claude) {
    const file = expand(profile.claude, input.home);
    try {
      accessSync(file, constants.X_OK);
    } catch {
      out.push(problem('profile.claude-missing', `its claude ${tilde(file, input.home)} is not an executable file`, `ccenv edit ${name} --claude PATH, or: ccenv edit ${name} --unset claude`));
    }
  }
  // The login of a profile with its own directory is the login check's (login.none).
  const account = knownIdentity(input.env, profile);
  const ownDir = loginConfigDir(input.env, name, profile) !== undefined;
  // A malformed or unreadable login is the login check's too (login.malformed, ...).
  if (account && !account.loggedIn && !ownDir && !account.loginProblem) {
    out.push({
      id: 'profile.not-logged-in',
      severity: 'warning',
      what: `profile ${name}: ${describeIdentity(account)}`,
      why: 'claude asks to log in when it starts, and a session run from a script fails',
      fix: loginCommand(name),
    });
  }
  const ending = setupTokenEndingSoon(profile, input.now);
  if (ending) {
    out.push({
      id: 'profile.token-ending',
      severity: ending.daysLeft < 0 ? 'error' : 'warning',
      what: `profile ${name}: ${describeTokenEnd(name, ending).split(': make')[0]}`,
      why: 'a setup token lasts a year from when it was made; ccenv counts from when it stored it',
      fix: `claude setup-token, then printf %s "$TOKEN" | ccenv edit ${name} --secret-stdin`,
    });
  }
  if (out.length === 0 && !(account && !account.loggedIn)) out.push({ id: 'profile.ok', severity: 'ok', what: `profile ${name} (${profile.kind}): ${kindSpec(profile.kind).describe(profile)}${hasSecretSource(profile) ? `, secret from ${sourceName(profile)}` : ''}` });
  return out;
}

/** A chain edited by hand: a launch skips what it cannot use, but the user meant something else. */
function chainFindings(input: DoctorInput, name: string, chain: readonly string[]): Finding[] {
  return chainProblems(input.config, name, chain).map((p) => ({
    id: 'profile.fallback',
    severity: 'warning',
    what: `profile ${name}: ${p}`,
    why: 'a launch skips a fallback it cannot use',
    fix: `ccenv edit ${name} --fallback OTHER ... (the whole chain, in order), or: ccenv edit ${name} --unset fallback`,
  }));
}

export const profiles: Check = {
  name: 'profiles',
  async run(input) {
    if (input.configError) {
      return [
        {
          id: 'config.invalid',
          severity: 'error',
          what: input.configError,
          why: 'no profile can be used until the ccenv config parses',
          fix: 'fix the file by hand at the line and column shown; ccenv never rewrites it',
        },
      ];
    }
    const out: Finding[] = [];
    const def = input.config.default;
    if (def && !findProfile(input.config, def)) {
      out.push({
        id: 'config.default-missing',
        severity: 'error',
        what: `the default profile ${def} does not exist`,
        why: 'launches without a closer choice stop with an error',
        fix: 'choose another: ccenv use --global NAME (or ccenv use --global --unset)',
      });
    }
    for (const [name, profile] of input.profiles) out.push(...profileFindings(name, profile, input));
    for (const [name, profile] of input.profiles) if (profile.fallback) out.push(...chainFindings(input, name, profile.fallback));
    return out;
  },
};
