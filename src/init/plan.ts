/**
 * From what was detected to what init will do: the same credential found twice becomes one
 * profile; one that already exists (same kind, same fields, same secret) is not created
 * again; new names never collide. Running init twice therefore creates nothing the second time.
 */
import { BUILTIN_PROFILE } from '../profiles/names.js';
import type { ConfigData } from '../profiles/store.js';
import type { Profile } from '../profiles/types.js';
import type { SecretStore } from '../secrets/store.js';
import { sameShape, type Detected, type Proposal } from './detect.js';

export interface Decision {
  proposal: Proposal;
  /** create: a new profile under `name`; exists: profile `name` already is this credential. */
  action: 'create' | 'exists';
  name: string;
}

export interface InitPlan {
  decisions: Decision[];
  /** The default to set, when the config has none; undefined keeps the built-in subscription profile. */
  default?: string;
}

/** A proposal found only in start-up file lines: it is its secret, whatever the context around it. */
function fromRcOnly(p: Proposal): boolean {
  return p.secret !== undefined && p.sources.every((s) => s.rc !== undefined);
}

function merge(proposals: readonly Proposal[]): Proposal[] {
  const out: Proposal[] = [];
  for (const p of proposals) {
    const same = out.find((q) => q.secret === p.secret && (sameShape(q.profile, p.profile) || fromRcOnly(p)));
    if (same) {
      same.sources.push(...p.sources);
      same.variables = [...new Set([...same.variables, ...p.variables])];
    } else out.push({ ...p, sources: [...p.sources], variables: [...p.variables], notes: [...p.notes] });
  }
  return out;
}

export async function planInit(detected: Detected, config: ConfigData, store: () => Promise<SecretStore>): Promise<InitPlan> {
  const taken = new Set([...Object.keys(config.profiles), BUILTIN_PROFILE]);
  const decisions: Decision[] = [];
  // Each profile's secret read once, however many proposals are compared with it.
  const secrets = new Map<string, Promise<string | undefined>>();
  const secretOf = (name: string) => {
    if (!secrets.has(name)) secrets.set(name, store().then((s) => s.get(name)));
    return secrets.get(name)!;
  };
  /** The first profile `fits` accepts that holds the proposal's secret (or, like it, none). */
  const holder = async (proposal: Proposal, fits: (profile: Profile) => boolean): Promise<string | undefined> => {
    for (const [name, profile] of Object.entries(config.profiles)) {
      if (!fits(profile)) continue;
      if (proposal.secret === undefined ? profile.hasSecret : !profile.hasSecret) continue;
      if (proposal.secret !== undefined && (await secretOf(name)) !== proposal.secret) continue;
      return name;
    }
    return undefined;
  };
  for (const proposal of merge(detected.proposals)) {
    // A start-up file's key that a profile holds, whatever its shape: that profile keeps it.
    const existing =
      (await holder(proposal, (profile) => sameShape(profile, proposal.profile))) ?? (fromRcOnly(proposal) ? await holder(proposal, () => true) : undefined);
    if (existing) {
      decisions.push({ proposal, action: 'exists', name: existing });
      continue;
    }
    let name = proposal.name;
    for (let n = 2; taken.has(name); n++) name = `${proposal.name}-${n}`;
    taken.add(name);
    decisions.push({ proposal, action: 'create', name });
  }
  const plan: InitPlan = { decisions };
  if (!config.default && !detected.login && decisions.length > 0) plan.default = decisions[0]!.name;
  return plan;
}
