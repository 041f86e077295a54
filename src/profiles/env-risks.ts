/**
 * The `env` entries of a profile that matter beyond Claude Code's own settings: those that
 * send its traffic (and so the key or token) through another host or weaken TLS checking,
 * and those that make every launch load code. One table, with the reason shown to the user:
 * `ccenv import` warns about the first and refuses the second from a shared file.
 */

import { PROXY_VARIABLES } from '../claude/variables.js';

export type EnvRisk = 'proxy' | 'tls' | 'loader';

interface Rule {
  risk: EnvRisk;
  /** Exact names, or a prefix ending in `*`. */
  names: readonly string[];
  reason: string;
}

const PROXY_REASON = "the profile's traffic, its key or token with it, goes through that proxy";

const RULES: readonly Rule[] = [
  { risk: 'proxy', names: PROXY_VARIABLES, reason: PROXY_REASON },
  { risk: 'tls', names: ['NODE_TLS_REJECT_UNAUTHORIZED'], reason: 'with 0, claude accepts any certificate, so anyone on the way can read its traffic and its key or token' },
  { risk: 'tls', names: ['NODE_EXTRA_CA_CERTS'], reason: 'claude trusts the certificates in that file, so their owner can read its traffic and its key or token' },
  { risk: 'tls', names: ['SSL_CERT_FILE', 'SSL_CERT_DIR'], reason: 'the programs a launch runs trust the certificates there, so their owner can read that traffic' },
  { risk: 'loader', names: ['LD_*'], reason: 'the dynamic loader reads it: every launch can load code from that path' },
  { risk: 'loader', names: ['DYLD_*'], reason: "macOS's dynamic loader reads it: every launch can load code from that path" },
  { risk: 'loader', names: ['NODE_OPTIONS'], reason: 'node reads it: every launch can load code it names (--require, --import)' },
  { risk: 'loader', names: ['BASH_ENV', 'ENV'], reason: 'a shell reads it: every script a launch runs first runs the file it names' },
];

/** Whether `variable` in a profile's `env` is one of the table's, and why. */
export function envRisk(variable: string): { risk: EnvRisk; reason: string } | undefined {
  for (const rule of RULES) {
    if (rule.names.some((name) => (name.endsWith('*') ? variable.startsWith(name.slice(0, -1)) : variable === name))) return { risk: rule.risk, reason: rule.reason };
  }
  return undefined;
}
