/**
 * AWS credential variables (AWS_ACCESS_KEY_ID, AWS_PROFILE, ...) in the current shell and in
 * the start-up files. Not errors: other AWS tools need them, and a Bedrock or Mantle profile's
 * launch replaces them. But a plain claude with Bedrock switched on uses them, whatever
 * profile was meant: a warning each, with where it is set.
 */
import { isAwsCredentialVariable } from '../claude/variables.js';
import { formatWhere, type Check, type Finding } from './finding.js';
import { showValue } from './mask.js';
import { scanRcFiles } from './rc-scan.js';
import { isClaudeVariable, isSetupVariable, setupOf } from './variables.js';

const WHY = 'a plain claude with Bedrock or Mantle switched on signs with it, whatever profile you meant; a Bedrock or Mantle profile launched by ccenv replaces it';
const isAws = (name: string) => isAwsCredentialVariable(name) && !isClaudeVariable(name);

export const awsVariables: Check = {
  name: 'AWS credential variables',
  async run(input) {
    const out: Finding[] = [];
    const { assignments } = scanRcFiles(input.env, input.home, (name) => isAws(name) || isClaudeVariable(name) || isSetupVariable(name));
    const rcVars: Record<string, string> = {};
    for (const a of assignments) rcVars[a.variable] = a.value;
    // Lines that belong to a provider setup are listed with its switch already (environment.ts).
    const inSetup = (variable: string) => assignments.some((a) => setupOf(a.variable, rcVars)?.companions.includes(variable));
    const rcLines = assignments.filter((a) => isAws(a.variable));
    if (!input.env.CCENV_ACTIVE) {
      for (const name of Object.keys(input.env).filter((n) => isAws(n) && input.env[n] !== undefined).sort()) {
        const lines = rcLines.filter((a) => a.variable === name).map((a) => formatWhere({ file: a.file, line: a.line }, input.home));
        out.push({
          id: 'env.aws',
          severity: 'warning',
          what: `${name} is set in this shell (${showValue(name, input.env[name]!)})`,
          why: WHY,
          fix: `if only Claude Code needs it, keep it in a Bedrock profile (ccenv add NAME --kind bedrock ...) and ${lines.length > 0 ? `delete ${lines.join(', ')}` : `unset ${name} where it is set`}; leave it if other AWS tools need it`,
        });
      }
    }
    for (const a of rcLines) {
      if (inSetup(a.variable)) continue;
      const where = { file: a.file, line: a.line };
      out.push({
        id: 'rc.aws',
        severity: 'warning',
        what: `${a.variable} is set in ${formatWhere(where, input.home)} (${showValue(a.variable, a.value)})`,
        where,
        why: `${WHY}, in every shell you open`,
        fix: `if only Claude Code needs it, keep it in a Bedrock profile and delete that line; leave it if other AWS tools need it (ccenv never edits start-up files)`,
      });
    }
    return out;
  },
};
