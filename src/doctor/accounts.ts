/**
 * Own-login directories: links broken, pointing elsewhere, or missing; a shared file that
 * became a real one in the account (drift); two profiles logged in to one account. Expired
 * logins are the login check's (login.ts), which covers every --config-dir.
 */
import { existsSync } from 'node:fs';
import { mainClaudeDir } from '../claude/account-files.js';
import { accountIdentity } from '../accounts/identity.js';
import { linkStates, type ItemState } from '../accounts/links.js';
import { BUILTIN } from '../profiles/lookup.js';
import { BUILTIN_PROFILE } from '../profiles/names.js';
import type { Profile } from '../profiles/types.js';
import { tilde, type Check, type DoctorInput, type Finding } from './finding.js';

function linkFinding(name: string, s: ItemState, home: string): Finding | undefined {
  const where = { file: s.path };
  const fixable = { kind: 'relink', file: s.path, target: s.target } as const;
  const shown = tilde(s.path, home);
  const main = tilde(s.target, home);
  switch (s.state) {
    case 'absent':
      return { id: 'account.link-missing', severity: 'warning', what: `profile ${name}: ${shown} is not linked to ${main} yet`, where, why: 'this account does not see it until its next launch', fix: `ln -s ${main} ${shown} (the next launch does it too)`, fixable };
    case 'dangling':
      return { id: 'account.link-broken', severity: 'warning', what: `profile ${name}: ${shown} links to ${main}, which no longer exists`, where, fix: `rm ${shown} (a link: nothing is lost); the next launch links it again once ${main} exists`, fixable };
    case 'elsewhere':
      return { id: 'account.link-elsewhere', severity: 'error', what: `profile ${name}: ${shown} links to ${s.points ?? '?'}, not to ${main}`, where, why: 'this account does not share your main Claude setup for it', fix: `ln -sfn ${main} ${shown}`, fixable };
    case 'drift':
      return {
        id: 'account.drift',
        severity: 'error',
        what: `profile ${name}: ${shown} is a real ${s.empty ? 'directory' : 'file or directory'} where the link to ${main} belongs`,
        where,
        why: 'changes made under this account stay in it, and it no longer sees those made in your main Claude directory',
        fix: `doctor --fix keeps it as a dated backup beside it and links ${main}; then merge by hand what you need from the backup`,
        fixable,
      };
    default:
      return undefined;
  }
}

function accountFindings(name: string, dir: string, sharedHistory: boolean, input: DoctorInput): Finding[] {
  if (!existsSync(dir)) {
    return [{ id: 'account.no-dir', severity: 'warning', what: `profile ${name}: its config directory ${tilde(dir, input.home)} does not exist`, fix: `the next launch makes it: ccenv @${name}; then ccenv login ${name}` }];
  }
  const states = linkStates({ dir, main: mainClaudeDir(input.env), sharedHistory });
  const out = states.map((s) => linkFinding(name, s, input.home)).filter((f): f is Finding => f !== undefined);
  if (out.length === 0) out.push({ id: 'account.links-ok', severity: 'ok', what: `profile ${name}: shares your main Claude setup (${states.filter((s) => s.state === 'linked').length} links)` });
  return out;
}

/** Subscription logins that are the same account (by account id, else e-mail), each group once. */
function sameAccount(input: DoctorInput): Finding[] {
  const byAccount = new Map<string, { names: string[]; email?: string }>();
  const dirs = new Set<string>();
  // The built-in profile's login (~/.claude) counts too, when every profile is checked.
  const all: [string, Profile][] = [...input.profiles];
  if (!input.only && !all.some(([name]) => name === BUILTIN_PROFILE)) all.unshift([BUILTIN_PROFILE, BUILTIN]);
  for (const [name, profile] of all) {
    if (profile.kind !== 'subscription' || profile.hasSecret) continue;
    const key = profile.configDir ?? '';
    if (dirs.has(key)) continue;
    dirs.add(key);
    const id = accountIdentity(input.env, profile.configDir, input.now);
    const account = id.loggedIn ? (id.accountId ?? id.email) : undefined;
    if (!account) continue;
    const group = byAccount.get(account) ?? { names: [], ...(id.email ? { email: id.email } : {}) };
    group.names.push(name);
    byAccount.set(account, group);
  }
  const out: Finding[] = [];
  for (const group of byAccount.values()) {
    if (group.names.length < 2) continue;
    const [first, ...others] = group.names;
    out.push({
      id: 'account.same-login',
      severity: 'warning',
      what: `profiles ${group.names.join(' and ')} are logged in to the same account${group.email ? ` (${group.email})` : ''}`,
      why: 'they share one account and its limits: switching between them changes nothing',
      fix: `log ${others.join(', ')} out and in with the other account: ccenv logout ${others[0]}; ccenv login ${others[0]} (${first} keeps its login)`,
    });
  }
  return out;
}

export const accounts: Check = {
  name: 'own-login accounts',
  async run(input) {
    const out: Finding[] = [];
    for (const [name, profile] of input.profiles) {
      if (profile.kind === 'subscription' && profile.ownLogin && profile.configDir) out.push(...accountFindings(name, profile.configDir, profile.sharedHistory === true, input));
    }
    out.push(...sameAccount(input));
    return out;
  },
};
