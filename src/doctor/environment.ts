/** Credential and provider variables in the current environment and in the shell start-up files. */
import { holdings, isSecretVariable, type Holding } from './held.js';
import { formatWhere, tilde, type Check, type Finding } from './finding.js';
import { showValue } from './mask.js';
import { scanRcFiles, type RcAssignment } from './rc-scan.js';
import { halfSetProviders, isClaudeVariable, isSetupVariable, setupOf, whyVariable } from './variables.js';

const KEEP_FIRST = 'to keep it, import it as a profile first: ccenv init';

/** The end of a fix: safe to delete when a profile holds the variable, else import it first. */
function keep(holding: Holding, variable: string): string {
  const name = holding.heldBy.get(variable);
  return name ? `it is kept as profile ${name}: safe to delete` : KEEP_FIRST;
}

export const environment: Check = {
  name: 'environment variables and shell start-up files',
  async run(input) {
    const findings: Finding[] = [];
    const scan = scanRcFiles(input.env, input.home, (name) => isClaudeVariable(name) || isSetupVariable(name));
    const { files } = scan;
    const assignments = scan.assignments.filter((a) => isClaudeVariable(a.variable));
    const rcVars: Record<string, string> = {};
    for (const a of scan.assignments) rcVars[a.variable] = a.value;
    /** The lines of the same provider setup as a switch (AWS_REGION, AWS_PROFILE, ...), as "file:line (VAR)". */
    const setupLines = (variable: string): string[] => {
      const setup = setupOf(variable, rcVars);
      if (!setup) return [];
      return scan.assignments.filter((a) => setup.companions.includes(a.variable)).map((a) => `${formatWhere({ file: a.file, line: a.line }, input.home)} (${a.variable})`);
    };
    const byVariable = new Map<string, RcAssignment[]>();
    for (const a of assignments) byVariable.set(a.variable, [...(byVariable.get(a.variable) ?? []), a]);

    const fromRc = await holdings({ label: 'your shell start-up files', vars: rcVars }, input);
    const shellVars: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.env)) if (value !== undefined) shellVars[name] = value;
    const active = input.env.CCENV_ACTIVE;
    const fromShell = active ? fromRc : await holdings({ label: 'this shell', vars: shellVars }, input);
    const present = Object.keys(input.env)
      .filter((name) => isClaudeVariable(name) && input.env[name] !== undefined)
      .sort();
    if (active) {
      findings.push({ id: 'env.under-ccenv', severity: 'ok', what: `running under ccenv profile ${active}: its variables are expected here` });
    } else {
      for (const name of present) {
        const lines = byVariable.get(name) ?? [];
        const where = lines.map((a) => formatWhere({ file: a.file, line: a.line }, input.home));
        // A line holding another value (or one the shell computes) is not this shell's credential: its own finding says whether it may go.
        const otherValue = isSecretVariable(name) && lines.some((a) => !a.literal || a.value !== input.env[name]);
        const held = fromShell.heldBy.get(name);
        const fix = otherValue
          ? `this shell's value ${held ? `is kept as profile ${held}` : 'is in no profile yet: to keep it, import it as a profile first: ccenv init'}; ` +
            `${where.join(', ')} set${lines.length === 1 ? 's' : ''} ${name} in new shells, ${lines.some((a) => a.literal) ? 'not always to this value' : 'to a value ccenv cannot read'}: ` +
            `each line's own finding below says whether a profile keeps it; then unset ${name} or open a new shell`
          : lines.length > 0
            ? `delete the line${lines.length > 1 ? 's' : ''} ${where.join(', ')} (listed below), then open a new shell; ${keep(fromShell, name)}`
            : `unset ${name}, and remove it where it is set (not in your shell start-up files: try \`grep -rn ${name} ~/.* /etc/environment\`); ${keep(fromShell, name)}`;
        findings.push({
          id: 'env.credential',
          severity: 'error',
          what: `${name} is set in this shell (${showValue(name, input.env[name] ?? '')})`,
          why: `${whyVariable(name)}; ccenv removes it from its launches, but a plain \`claude\` uses it`,
          fix,
        });
      }
      for (const half of halfSetProviders(input.env)) {
        findings.push({
          id: 'env.provider-incomplete',
          severity: 'error',
          what: `${half.switch} is set in this shell but ${half.missing.join(' and ')} ${half.missing.length > 1 ? 'are' : 'is'} not: ${half.provider} is half configured`,
          why: `claude will try ${half.provider} and fail; Claude Code does not read the region from ~/.aws/config`,
          fix: `keep ${half.provider} as a complete profile (ccenv init, or ccenv add ${half.kind} --kind ${half.kind} ...), then remove ${half.switch} from your shell`,
        });
      }
    }

    const { rcLineSource } = await import('../init/detect.js');
    for (const a of assignments) {
      const where = { file: a.file, line: a.line };
      const setup = setupLines(a.variable);
      const also = setup.length > 0 ? `; the same ${setupOf(a.variable, rcVars)!.provider} setup also sets ${setup.join(', ')}: delete those too unless other tools need them` : '';
      const line = `line ${a.line} of ${tilde(a.file, input.home)}`;
      let fix: string;
      if (!isSecretVariable(a.variable)) fix = `delete ${line} (${a.variable}=${showValue(a.variable, a.value)})${also}; ccenv never edits start-up files; ${keep(fromRc, a.variable)}`;
      else if (!a.literal) {
        // Whether a profile holds it is for this line's own value, which only the shell can compute.
        fix = `ccenv cannot read its value (the shell computes it: a command or a variable), so it cannot tell whether a profile keeps it; keep ${line} until one does (printf %s "$KEY" | ccenv add NAME --kind KIND --secret-stdin), then delete it${also}; ccenv never edits start-up files`;
      } else {
        const own = await holdings(rcLineSource(a, scan.assignments), input);
        const name = own.heldBy.get(a.variable);
        const shown = `${a.variable}=${showValue(a.variable, a.value)}`;
        fix = name
          ? `delete ${line} (${shown})${also}; ccenv never edits start-up files; it is kept as profile ${name}: safe to delete`
          : `${KEEP_FIRST}; then delete ${line} (${shown})${also}; ccenv never edits start-up files`;
      }
      findings.push({
        id: 'rc.credential',
        severity: 'error',
        what: `${a.variable} is set in ${formatWhere(where, input.home)}`,
        where,
        why: `${whyVariable(a.variable)}, in every shell you open`,
        fix,
      });
    }
    for (const half of halfSetProviders(rcVars)) {
      if (!active && halfSetProviders(input.env).some((h) => h.switch === half.switch)) continue;
      const line = byVariable.get(half.switch)?.at(-1);
      findings.push({
        id: 'rc.provider-incomplete',
        severity: 'error',
        what: `${half.provider} is half configured in your start-up files: ${half.switch} without ${half.missing.join(' and ')}`,
        ...(line ? { where: { file: line.file, line: line.line } } : {}),
        why: `every shell you open makes claude try ${half.provider} and fail`,
        fix: `keep ${half.provider} as a complete profile (ccenv init, or ccenv add ${half.kind} --kind ${half.kind} ...), then delete that line`,
      });
    }
    if (findings.length === 0) {
      findings.push({
        id: 'env.clean',
        severity: 'ok',
        what: `no credential or provider variables in this shell or in ${files.length} start-up file${files.length === 1 ? '' : 's'}`,
      });
    }
    return findings;
  },
};
