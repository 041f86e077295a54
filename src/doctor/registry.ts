/** Every check doctor runs, in the order it reports them. Adding a check is adding a file and a line here. */
import { accounts } from './accounts.js';
import { authStatus } from './auth-status.js';
import { awsVariables } from './aws-variables.js';
import { backend } from './backend.js';
import { backups } from './backups.js';
import { binaries } from './binaries.js';
import { editors } from './editors.js';
import { environment } from './environment.js';
import type { Check, DoctorInput, Finding } from './finding.js';
import { login } from './login.js';
import { profiles } from './profiles.js';
import { settings } from './settings.js';
import { sources } from './sources.js';

export const CHECKS: readonly Check[] = [environment, awsVariables, settings, backups, login, accounts, binaries, backend, profiles, sources, authStatus, editors];

/** Runs each check; a check that crashes is itself a finding, and the others still run. */
export async function runChecks(input: DoctorInput, checks: readonly Check[] = CHECKS): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const check of checks) {
    try {
      findings.push(...(await check.run(input)));
    } catch (error) {
      findings.push({
        id: 'doctor.check-failed',
        severity: 'error',
        what: `the check of ${check.name} failed: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'run again with CCENV_DEBUG=1 and report it',
      });
    }
  }
  return findings;
}
