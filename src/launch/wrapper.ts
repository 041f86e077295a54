/**
 * ccenv's process wrapper (bin/ccenv-wrap, a bash script, and its planning half here): Claude
 * Code starts its background service, the sessions it hosts and its relaunches as
 * `WRAPPER CLAUDE ARGS...`. The wrapper takes the profile from the process it wraps
 * (CCENV_ACTIVE and CCENV_WRAP_CONFIG in its environment), reads that profile's secret again,
 * hands it over on a fresh descriptor, and becomes the command (exec: same pid, so its exit
 * status and signals are the command's), through the user's own wrapper when there is one.
 * It never falls back to another credential: any fault is a message on stderr, which Claude
 * Code keeps in its logs, and a non-zero exit.
 */
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDir as ccenvConfigDir } from '../paths.js';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { readSettingsLayers } from '../claude/settings.js';
import { resolveProfile } from '../profiles/resolve.js';
import { readConfig } from '../profiles/store.js';
import { profileProblems } from '../profiles/validate.js';
import { quoteSh } from './format.js';
import { buildPlan, childEnvironment, type LaunchPlan } from './plan.js';
import { secretFor } from './run.js';
import { applySettingsOverrides, findUserSettings } from './settings-override.js';
import { keepUsersWrapper } from './users-wrapper.js';
import { WRAP_CONFIG_VARIABLE, WRAP_INNER_VARIABLE, type WrapperSetup } from './wrapper-variables.js';

export const WRAPPER_FILE = 'ccenv-wrap';
/** The first argument bin/ccenv-ide passes: resolve the profile from the working directory. */
const DIRECTORY_FLAG = '--ccenv-directory';

/**
 * The absolute path of bin/ccenv-wrap beside this ccenv (from dist/ or from src/launch/
 * in tests), or undefined when it is not there. Works for a global install, npx and a clone.
 */
export function wrapperPath(): string | undefined {
  for (const relative of [`../bin/${WRAPPER_FILE}`, `../../bin/${WRAPPER_FILE}`]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** The setup a launch records, or undefined when this ccenv has no wrapper file (then nothing is recorded). */
export function wrapperSetup(configDir: string): WrapperSetup | undefined {
  const path = wrapperPath();
  return path ? { path, configDir } : undefined;
}

function fault(message: string, hint?: string): CcenvError {
  return new CcenvError(`process wrapper: ${message}; nothing was started`, hint ? { hint } : {});
}

/**
 * The plan for `WRAPPER COMMAND ARGS...` as Claude Code asked: the profile recorded in the
 * wrapped process's environment, its secret read again. Throws, starting nothing, on any fault.
 */
export async function wrapperPlan(ctx: Context, argv: readonly string[]): Promise<LaunchPlan> {
  // bin/ccenv-ide: an editor's claude, with the profile of its working directory.
  const fromDirectory = argv[0] === DIRECTORY_FLAG;
  const [command, ...args] = fromDirectory ? argv.slice(1) : argv;
  if (command === undefined) throw fault('no command given (it is run as WRAPPER CLAUDE ARGS...)');
  const name = fromDirectory ? undefined : ctx.env.CCENV_ACTIVE;
  const configDir = fromDirectory ? resolvePath(ccenvConfigDir(ctx.env)) : ctx.env[WRAP_CONFIG_VARIABLE];
  if (!fromDirectory && (!name || !configDir)) {
    throw fault(`no profile recorded (CCENV_ACTIVE and ${WRAP_CONFIG_VARIABLE} are set by a ccenv launch)`, 'start claude through ccenv, or unset CLAUDE_CODE_PROCESS_WRAPPER');
  }
  const env = { ...ctx.env, CCENV_CONFIG_DIR: configDir! };
  let resolved;
  let config;
  try {
    config = await readConfig(env);
    resolved = await resolveProfile(env, ctx.cwd, config, name);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (fromDirectory) throw fault(`no profile for ${ctx.cwd}: ${why}`, error instanceof CcenvError ? error.hint : undefined);
    throw fault(`profile ${name}, which started this Claude Code, cannot be used: ${why}`, 'stop the background service (claude daemon stop) and launch again with ccenv @PROFILE');
  }
  const problems = profileProblems(resolved.profile);
  if (problems.length > 0) throw fault(`profile ${resolved.name} is incomplete: ${problems.join('; ')}`);
  let secret: string | undefined;
  try {
    secret = await secretFor({ ...ctx, env }, config, resolved);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw fault(`cannot read the secret of profile ${resolved.name}: ${why}`, error instanceof CcenvError ? error.hint : undefined);
  }
  const recorded = ctx.env.CLAUDE_CODE_PROCESS_WRAPPER;
  const path = (!fromDirectory && recorded) || wrapperPath() || '';
  const plan = buildPlan({ resolved, caller: ctx.env, secret, handover: 'pipe', mode: 'claude', command, args, wrapper: { path, configDir: configDir! } });
  if (!fromDirectory) return plan;
  // As a launch does: the user's processWrapper setting becomes the inner wrapper of the
  // editor's claude's own processes. (A wrapped process has it from its launch already.)
  // And as a launch does, a settings file's env block or apiKeyHelper that would override
  // the profile is overridden back with --settings (merged with one the editor passed).
  const inherited = childEnvironment(plan, ctx.env);
  const layers = await readSettingsLayers(inherited, ctx.cwd, { configDir: plan.set.CLAUDE_CONFIG_DIR });
  let kept = keepUsersWrapper(plan, layers);
  try {
    kept = applySettingsOverrides(kept, resolved.profile, layers, findUserSettings(kept.args, ctx.cwd), ctx.env.HOME ?? '', inherited);
  } catch (error) {
    if (!(error instanceof CcenvError)) throw error;
    throw fault(error.message, error.hint);
  }
  return { ...kept, args: [DIRECTORY_FLAG, ...kept.args] };
}

/** Whether the plan is for an editor's claude (bin/ccenv-ide), not one of Claude Code's own processes. */
export function isEditorPlan(plan: LaunchPlan): boolean {
  return plan.args[0] === DIRECTORY_FLAG;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * What bin/ccenv-wrap reads on descriptor 3: bash code that sets the plan's environment
 * (and puts the user's own wrapper first, except before an editor's claude), a marker, a
 * NUL, then the secret that claude reads from the same descriptor. With no descriptor
 * secret, the code closes the descriptor.
 */
export function wrapperOutput(plan: LaunchPlan): string {
  const lines: string[] = [];
  for (const { name } of plan.removed) if (NAME.test(name)) lines.push(`unset ${name}`);
  for (const [name, value] of Object.entries(plan.set)) lines.push(`export ${name}=${quoteSh(value)}`);
  const editors = isEditorPlan(plan);
  // An editor's claude: its arguments as planned (a --settings override may have been added).
  if (editors) lines.push(`set -- ${[plan.command, ...plan.args.slice(1)].map(quoteSh).join(' ')}`);
  // The user's wrapper is for the processes Claude Code starts: an editor's claude itself
  // runs without it, as a launched claude does, and only records it for those processes.
  const inner = editors ? undefined : plan.set[WRAP_INNER_VARIABLE];
  if (inner) lines.push(`set -- ${quoteSh(inner)} "$@"`);
  const descriptor = plan.descriptors[0];
  if (!descriptor || descriptor.fd !== 3) lines.push('exec 3<&-');
  lines.push('#ccenv-ready');
  return `${lines.join('\n')}\0${descriptor?.fd === 3 ? descriptor.secret : ''}`;
}
