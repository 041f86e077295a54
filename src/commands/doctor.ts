import type { Command } from 'commander';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';

const EXAMPLES = `
Examples:
  ccenv doctor                 # everything: shell, start-up files, settings, login, claude, keychain, profiles
  ccenv doctor @work-bedrock   # one profile (and what it depends on)
  ccenv doctor --fix           # apply the safe fixes it lists (a broken login set aside first, settings env blocks, file modes), with backups
  ccenv doctor --json | jq '.findings[] | select(.severity == "error")'

Exit status: 0 when all is well, 1 when there is a problem (warnings alone do not count).
doctor never edits shell start-up files: it prints the lines to delete.`;

export function register(program: Command, ctx: Context): void {
  program
    .command('doctor')
    .argument('[@profile]', 'check only this profile')
    .description('find what is wrong with the setup, and how to fix it')
    .option('--json', 'print the findings as JSON')
    .option('--fix', 'apply the safe, local fixes (each listed first, each file backed up)')
    .addHelpText('after', EXAMPLES)
    .action((profile: string | undefined, options: { json?: boolean; fix?: boolean }) => doctor(ctx, profile, options));
}

export async function doctor(ctx: Context, profileArg: string | undefined, options: { json?: boolean; fix?: boolean }): Promise<void> {
  if (profileArg !== undefined && !profileArg.startsWith('@')) {
    throw usageError(`doctor takes a profile as @NAME, got ${JSON.stringify(profileArg.slice(0, 80))}`, `ccenv doctor @${profileArg.slice(0, 64)}`);
  }
  const only = profileArg?.slice(1);
  const { doctorInput } = await import('../doctor/input.js');
  const { runChecks } = await import('../doctor/registry.js');
  const { renderFindings, summary } = await import('../doctor/report.js');
  const input = await doctorInput(ctx, only);
  let findings = await runChecks(input);
  let fixed: import('../doctor/fix.js').FixResult[] | undefined;
  if (options.fix) {
    const { applyFixes, describeFix } = await import('../doctor/fix.js');
    const all = findings.flatMap((f) => (f.fixable ? [f.fixable] : []));
    // A broken login first: it is listed, and repaired, before the files.
    const repairs = all.filter((f) => f.kind === 'repair-login');
    const fixes = all.filter((f) => f.kind !== 'repair-login');
    if (all.length === 0) ctx.io.err('ccenv: nothing that doctor --fix can change\n');
    else {
      ctx.io.err(`ccenv: fixing ${all.length} thing${all.length === 1 ? '' : 's'}:\n${[...repairs, ...fixes].map((f) => `  - ${describeFix(f, input.home)}\n`).join('')}`);
      fixed = [];
      for (const fix of repairs) fixed.push(await repairOne(ctx, fix));
      const { backupsDir } = await import('../paths.js');
      fixed.push(...(await applyFixes(fixes, new Date(), input.home, backupsDir(ctx.env))));
      // One line per file: the fixes of one file share their result.
      for (const line of new Set(fixed.map((r) => `ccenv: ${r.applied ? 'done' : 'skipped'}: ${r.message}\n`))) ctx.io.err(line);
      findings = await runChecks(await doctorInput(ctx, only));
    }
  }
  const ok = !findings.some((f) => f.severity === 'error');
  if (!ok) ctx.exitCode = 1;
  if (options.json) {
    ctx.io.out(`${JSON.stringify({ ok, findings, ...(fixed ? { fixed } : {}) }, null, 2)}\n`);
    return;
  }
  const { forTerminal } = await import('../terminal.js');
  ctx.io.out(forTerminal(renderFindings(findings, input.home) + summary(findings), { keepNewlines: true }));
}

/** `doctor --fix` for a broken login: set aside, then Claude Code's login on a terminal (else the command to run). */
async function repairOne(ctx: Context, fix: Extract<import('../doctor/finding.js').Fix, { kind: 'repair-login' }>): Promise<import('../doctor/fix.js').FixResult> {
  const { subscriptionTarget } = await import('./login.js');
  const { loginProfile } = await import('../accounts/login-flow.js');
  try {
    const target = await subscriptionTarget(ctx, fix.profile, 'login');
    const code = await loginProfile(ctx, target, { repair: true, noLogin: !ctx.interactive });
    return { fix, applied: code === 0, message: code === 0 ? `the login of ${fix.profile} was set aside${ctx.interactive ? ' and claude logged in again' : ''}` : `claude auth login for ${fix.profile} ended with ${code}` };
  } catch (error) {
    return { fix, applied: false, message: `the login of ${fix.profile}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
