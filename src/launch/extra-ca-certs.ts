/**
 * NODE_EXTRA_CA_CERTS, handed back. Node 20 loads the certificates it names as it starts,
 * before any JavaScript runs (about 40 ms for a 144-certificate bundle), and neither a launch
 * nor the check on entering a scope nor a wrapper plan makes a TLS connection. So the shell's
 * cc function (shell/ccenv.*) and bin/ccenv-wrap start ccenv's Node with the variable empty
 * and its value in CCENV_NODE_EXTRA_CA_CERTS; it goes back first thing, so that claude and
 * every program ccenv starts get it unchanged, and the stand-in name reaches none of them.
 * A value set in the variable itself stands.
 */
const HANDED_EXTRA_CA_CERTS = 'CCENV_NODE_EXTRA_CA_CERTS';

export function handBackExtraCaCerts(env: NodeJS.ProcessEnv): void {
  const value = env[HANDED_EXTRA_CA_CERTS];
  if (value === undefined) return;
  delete env[HANDED_EXTRA_CA_CERTS];
  if (!env.NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = value;
}
