/** The secret backend: reachable, unlocked, and holding the secret of each profile that has one. */
import { CcenvError } from '../errors.js';
import { kindSpec } from '../profiles/kinds/index.js';
import { BACKEND_WAY_OUT, KEYCHAIN_KEEPS, secretElsewhere } from '../secrets/store.js';
import type { Profile } from '../profiles/types.js';
import { findOrphans } from '../secrets/orphans.js';
import { chosenBackend } from '../secrets/open.js';
import type { SecretStore } from '../secrets/store.js';
import type { Check, Finding } from './finding.js';

const PROBE = 'ccenv-doctor-probe';

export const backend: Check = {
  name: 'secret backend',
  async run(input) {
    let description = 'the secret backend';
    const withSecret = input.profiles.filter(([, p]) => p.hasSecret);
    let inUse: string | undefined;
    try {
      inUse = chosenBackend(input.env, input.config).backend;
    } catch {
      // CCENV_BACKEND names no backend: opening the store says so
    }
    // The profiles whose secret this backend holds (a profile that records none: the one in use).
    const held = withSecret.filter(([, p]) => !p.secretBackend || p.secretBackend === inUse).map(([name]) => name);
    const profilesWord = (names: readonly string[]) => `${names.length === 1 ? 'profile' : 'profiles'} ${names.join(', ')}`;
    // Without a profile whose secret is there, nothing is broken yet: worth knowing before `add`.
    const failed = (error: unknown): Finding => {
      const hint = error instanceof CcenvError && error.hint ? error.hint : BACKEND_WAY_OUT;
      // The file backend is a way out for new secrets only: name the profiles that still need the keychain.
      const secretsOf = `the ${held.length === 1 ? 'secret' : 'secrets'} of ${held.join(', ')} stay in the keychain, and need it`;
      return {
        id: 'backend.unreachable',
        severity: held.length > 0 ? 'error' : 'warning',
        // A CcenvError already names the backend.
        what: error instanceof CcenvError ? error.message : `${description} cannot be used: ${String(error)}`,
        why: held.length > 0 ? `${profilesWord(held)} cannot start` : 'a profile with a secret (API key, token, access key) cannot be added until it can',
        fix: inUse === 'keychain' && held.length > 0 ? hint.replace(KEYCHAIN_KEEPS, secretsOf) : hint,
      };
    };
    let store;
    try {
      store = await input.secrets();
      description = store.description;
    } catch (error) {
      return [failed(error)];
    }
    const findings: Finding[] = [];
    try {
      if (withSecret.length === 0) await store.get(PROBE);
      for (const [name, profile] of withSecret) {
        if ((await store.get(name)) !== undefined) continue;
        const label = kindSpec(profile.kind).secret(profile).label || 'secret';
        const elsewhere = secretElsewhere(name, profile, store);
        if (elsewhere) {
          findings.push({
            id: 'backend.secret-elsewhere',
            severity: 'error',
            what: `profile ${name}: ${elsewhere.message}`,
            why: `ccenv cannot start profile ${name} with this backend`,
            fix: elsewhere.hint ?? '',
          });
          continue;
        }
        findings.push({
          id: 'backend.secret-missing',
          severity: 'error',
          what: `profile ${name}: its ${label} is missing from the ${description}`,
          why: `ccenv cannot start profile ${name} without it`,
          fix: `store it again: printf %s "$SECRET" | ccenv edit ${name} --secret-stdin`,
        });
      }
      // A config that does not parse lists no profile: every secret would look orphaned.
      if (!input.configError) findings.push(...(await orphanFindings(input.config.profiles, store)));
    } catch (error) {
      return [failed(error)];
    }
    if (findings.length === 0) {
      findings.push({
        id: 'backend.ok',
        severity: 'ok',
        what: `${description}: reachable${withSecret.length ? `, ${withSecret.length} secret${withSecret.length === 1 ? '' : 's'} present` : ''}`,
      });
    }
    return findings;
  },
};

/**
 * Secrets no profile holds, left by an interrupted add, remove or rename. The fix never
 * deletes one on its own: re-attach it, or delete it with an explicit --yes.
 */
async function orphanFindings(profiles: Record<string, Profile>, store: SecretStore): Promise<Finding[]> {
  const { secrets } = await findOrphans({ profiles }, store);
  return secrets.map((name) => ({
    id: 'backend.orphan-secret',
    severity: 'warning' as const,
    what: `the ${store.description} holds a secret under ${name}, which no profile holds`,
    why: 'an interrupted add, remove or rename leaves one behind; ccenv never deletes it on its own',
    fix: Object.hasOwn(profiles, name)
      ? `profile ${name} does not use it; to delete it: ccenv rename ${name} ${name}-tmp && ccenv remove ${name} --yes && ccenv rename ${name}-tmp ${name}`
      : `re-attach it: ccenv add ${name} --kind KIND ... (without --secret-stdin, the stored secret is kept); or delete it: ccenv remove ${name} --yes`,
  }));
}
