/**
 * Which profile already holds a credential found in the shell, a start-up file or a settings
 * env block: the same setup init would propose (kind and fields), and for a secret the same
 * value in the store. Secrets are compared in memory, as SHA-256 digests, and never shown.
 * A variable that is part of a setup no profile holds must not be removed (doctor --fix).
 */
import type { Source } from '../init/detect.js';
import type { SecretStore } from '../secrets/store.js';
import type { DoctorInput } from './finding.js';

/** Variables that carry a secret: never removed unless a profile holds them. */
const SECRET_VARIABLES = new Set([
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'ANTHROPIC_FOUNDRY_API_KEY',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_SECRET_ACCESS_KEY',
]);

/** Whether a variable's value is a secret that only a profile may take over. */
export function isSecretVariable(name: string): boolean {
  return SECRET_VARIABLES.has(name);
}

export interface Holding {
  /** variable -> the profile that holds it. */
  heldBy: Map<string, string>;
  /** Variables of a setup that no profile holds yet. */
  notHeld: Set<string>;
  /** Why the store could not be asked, when it could not. */
  storeError?: string;
}

/** Whether removing `variable` from this source loses nothing: a profile holds it, or it holds no secret and belongs to no setup left to import. */
export function safeToRemove(holding: Holding, variable: string): boolean {
  if (holding.heldBy.has(variable)) return true;
  return !holding.notHeld.has(variable) && !SECRET_VARIABLES.has(variable);
}

/** Each profile's secret digest, read once per doctor run. */
const digests = new WeakMap<DoctorInput, Map<string, Promise<string | undefined>>>();

export async function holdings(source: Source, input: DoctorInput): Promise<Holding> {
  const { proposalsFrom } = await import('../init/detect.js');
  const { planInit } = await import('../init/plan.js');
  const { createHash } = await import('node:crypto');
  const digest = (s: string) => createHash('sha256').update(s).digest('hex');
  const holding: Holding = { heldBy: new Map(), notHeld: new Set() };
  const found = proposalsFrom(source, input.env, input.home);
  for (const v of Object.keys(source.vars)) if (SECRET_VARIABLES.has(v)) holding.notHeld.add(v);
  let decisions: Awaited<ReturnType<typeof planInit>>['decisions'] = [];
  // The store is opened only when a proposal with a secret matches a profile's shape.
  const store = async (): Promise<SecretStore> => {
    const real = await input.secrets();
    return {
      backend: real.backend,
      description: real.description,
      get: (name) => {
        let cache = digests.get(input);
        if (!cache) digests.set(input, (cache = new Map()));
        let got = cache.get(name);
        if (!got) cache.set(name, (got = real.get(name).then((value) => (value === undefined ? undefined : digest(value)))));
        return got;
      },
      set: () => Promise.reject(new Error('read only')),
      remove: () => Promise.reject(new Error('read only')),
      names: () => real.names(),
    };
  };
  try {
    const proposals = found.proposals.map((p) => (p.secret === undefined ? p : { ...p, secret: digest(p.secret) }));
    decisions = (await planInit({ sources: [source], proposals, skipped: found.skipped }, input.config, store)).decisions;
  } catch (error) {
    holding.storeError = (error as Error).message;
  }
  for (const d of decisions) {
    for (const v of d.proposal.variables) {
      if (d.action === 'exists') {
        holding.heldBy.set(v, d.name);
        holding.notHeld.delete(v);
      } else if (!holding.heldBy.has(v)) holding.notHeld.add(v);
    }
  }
  if (holding.storeError) for (const p of found.proposals) for (const v of p.variables) if (!holding.heldBy.has(v)) holding.notHeld.add(v);
  return holding;
}
