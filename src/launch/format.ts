/**
 * A LaunchPlan as text for `ccenv env`: shell code (sh, fish), dotenv or JSON. Secrets are
 * masked unless revealed; a masked secret is written as a comment, so that evaluating the
 * output never sets a variable to a mask.
 */
import { describeSource, sourceForMachines } from '../profiles/resolve.js';
import { maskSecret } from '../profiles/secret-input.js';
import { fish } from '../shells/fish.js';
import type { LaunchPlan } from './plan.js';

export const ENV_FORMATS = ['sh', 'fish', 'json', 'dotenv'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

/** One line of inert shell text for any value. */
export function quoteSh(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A dotenv value by the rules of sh double quotes, which is what `set -a; . FILE` applies
 * and what Docker Compose reads: the four characters special there (`\`, `"`, `$` and the
 * backtick) get a backslash, and a newline stays a newline inside the quotes (a `\n`
 * would come back as two characters). Sourcing the file never runs anything.
 */
export function quoteDotenv(value: string): string {
  return `"${value.replace(/[\\"$`]/g, '\\$&')}"`;
}

/** A comment stays one line whatever it quotes. */
function comment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}`;
}

const SECRET_NAMES: Record<string, string> = {
  CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR: 'API key',
  CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR: 'subscription token',
  CLAUDE_CODE_GATEWAY_TOKEN_FILE_DESCRIPTOR: 'gateway token',
};

/** What `env --format json` prints. */
export function planAsJson(plan: LaunchPlan, reveal: boolean): Record<string, unknown> {
  const show = (secret: string) => (reveal ? secret : maskSecret(secret));
  return {
    profile: plan.profile,
    kind: plan.kind,
    source: sourceForMachines(plan.source),
    command: plan.command,
    args: plan.args,
    set: Object.fromEntries(Object.entries(plan.set).map(([k, v]) => [k, plan.secretVariables.includes(k) ? show(v) : v])),
    unset: plan.removed.map((r) => r.name),
    removed: plan.removed,
    secrets: [
      ...plan.descriptors.map((d) => ({ route: 'descriptor', fd: d.fd, variable: d.variable, value: show(d.secret) })),
      ...plan.secretVariables.map((variable) => ({ route: 'environment', variable, value: show(plan.set[variable]!) })),
    ],
    notes: plan.notes,
  };
}

/**
 * Why evaluating the plan as shell code would not give a working claude: a secret on a
 * descriptor that only a launch opens, or a secret masked here. Undefined when it would.
 */
export function notForEval(plan: LaunchPlan, reveal: boolean): string | undefined {
  const d = plan.descriptors[0];
  if (d) return `the ${SECRET_NAMES[d.variable] ?? 'secret'} reaches claude on descriptor ${d.fd}, which only a launch opens`;
  const masked = reveal ? undefined : plan.secretVariables[0];
  if (masked) return `${masked} is masked here`;
  return undefined;
}

/** Where to go instead of eval. */
export function insteadOfEval(profile: string): string {
  return `run claude with: ccenv @${profile} (or cc), any command with: ccenv exec @${profile} -- CMD`;
}

export function formatPlan(plan: LaunchPlan, format: EnvFormat, reveal: boolean): string {
  if (format === 'json') return `${JSON.stringify(planAsJson(plan, reveal), null, 2)}\n`;
  const lines: string[] = [comment(`ccenv: profile ${plan.profile} (${plan.kind}), chosen by ${describeSource(plan.source)}`)];
  const why = format === 'dotenv' ? undefined : notForEval(plan, reveal);
  if (why) {
    // Evaluated anyway, it sets nothing, fails, and says why: a half environment would leave claude logged out.
    const said = `ccenv: not for eval: ${why}; ${insteadOfEval(plan.profile)}`;
    lines.push(comment(`Not for eval: ${why}, so a claude started after evaluating this would not be logged in.`));
    lines.push(comment(`Instead, ${insteadOfEval(plan.profile)}`));
    lines.push(format === 'sh' ? `echo ${quoteSh(said)} >&2; false && {` : `echo ${quoteSh(said).replace(/'\\''/g, "\\'")} >&2; false; and begin`);
  }
  const unset = (name: string) => (format === 'sh' ? `unset ${name}` : format === 'fish' ? fish.unsetVariable(name) : comment(`unset ${name}`));
  const assign = (name: string, value: string) =>
    format === 'sh' ? `export ${name}=${quoteSh(value)}` : format === 'fish' ? fish.exportVariable(name, value) : `${name}=${quoteDotenv(value)}`;
  for (const { name } of plan.removed) lines.push(unset(name));
  for (const [name, value] of Object.entries(plan.set).sort(([a], [b]) => a.localeCompare(b))) {
    if (!plan.secretVariables.includes(name)) {
      lines.push(assign(name, value));
    } else if (reveal) {
      lines.push(comment(`${name} is a secret: Claude Code takes it only from the environment, where its child processes see it`));
      lines.push(assign(name, value));
    } else {
      lines.push(comment(`${name}: secret ${maskSecret(value)}, masked (--reveal prints it); in the environment, since Claude Code takes it no other way`));
    }
  }
  for (const d of plan.descriptors) {
    const what = SECRET_NAMES[d.variable] ?? 'secret';
    lines.push(comment(`the ${what} reaches claude on descriptor ${d.fd}, never in its environment: ${reveal ? d.secret : `${maskSecret(d.secret)} (--reveal prints it)`}`));
  }
  if (why) lines.push(format === 'sh' ? '}' : 'end');
  return `${lines.join('\n')}\n`;
}
