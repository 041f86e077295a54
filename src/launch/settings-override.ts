/**
 * Claude Code applies the `env` block of every settings file over its environment, so a
 * file can undo the profile. A launch overrides such variables back with `--settings`
 * (which ranks above user, project and local settings), merged with a `--settings` the
 * user passed; managed settings rank above `--settings`, so a conflict there stops the launch.
 * Settings keys that supply a credential by running a command (apiKeyHelper, ...) are
 * switched off the same way (src/claude/settings-keys.ts).
 */
import { resolve } from 'node:path';
import { readSettingsText, type SettingsFile } from '../claude/settings.js';
import { CREDENTIAL_SETTINGS_KEYS, isSetCredentialKey } from '../claude/settings-keys.js';
import { CcenvError } from '../errors.js';
import { kindSpec } from '../profiles/kinds/index.js';
import type { Profile } from '../profiles/types.js';
import type { LaunchPlan } from './plan.js';
import { tilde, withoutUserInfo } from '../terminal.js';
import { isCredentialVariable, isModelVariable, isTrafficVariable } from '../claude/variables.js';
import type { Env } from '../paths.js';

/** The `--settings` the user gave claude: where in argv, and its parsed content. */
export interface UserSettings {
  /** Indices in args of each `--settings X` (two words) or `--settings=X` (one word). */
  at: { index: number; words: 1 | 2 }[];
  value: Record<string, unknown>;
}

function parseSettingsArgument(text: string, cwd: string): Record<string, unknown> {
  const trimmed = text.trim();
  const fromFile = !trimmed.startsWith('{');
  let source = trimmed;
  if (fromFile) {
    try {
      source = readSettingsText(resolve(cwd, text)).text;
    } catch (error) {
      throw new CcenvError(`cannot read the --settings file ${text}: ${(error as Error).message}`);
    }
  }
  try {
    const value = JSON.parse(source) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new CcenvError(`the --settings ${fromFile ? `file ${text}` : 'argument'} is not a JSON object`, {
      hint: 'claude takes --settings as a JSON object or the path of a JSON file',
    });
  }
}

/** Finds `--settings` in claude's arguments (before a `--`); later ones win, as for claude. */
export function findUserSettings(args: readonly string[], cwd: string): UserSettings | undefined {
  const at: UserSettings['at'] = [];
  let value: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') break;
    let text: string | undefined;
    if (word === '--settings' && i + 1 < args.length) {
      at.push({ index: i, words: 2 });
      text = args[++i]!;
    } else if (word.startsWith('--settings=')) {
      at.push({ index: i, words: 1 });
      text = word.slice('--settings='.length);
    }
    if (text !== undefined) {
      const next = parseSettingsArgument(text, cwd);
      value = { ...value, ...next, env: { ...asEnv(value.env), ...asEnv(next.env) } };
    }
  }
  return at.length > 0 ? { at, value } : undefined;
}

function asEnv(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** Whether a settings `env` entry for this variable can change the profile's credential or provider. */
function matters(plan: LaunchPlan, profile: Profile, variable: string): boolean {
  if (Object.hasOwn(plan.set, variable)) return true;
  if (isCredentialVariable(variable)) return !isModelVariable(variable);
  return kindSpec(profile.kind).launch(profile).removeAws.includes(variable);
}

/** `~/x:LINE` for a person (paths under HOME as elsewhere in ccenv's messages). */
function at(file: SettingsFile, position: { line: number } | undefined, home: string): string {
  return position ? `${tilde(file.path, home)}:${position.line}` : tilde(file.path, home);
}

/**
 * The value claude would have for a proxy or TLS variable without the project's files: the
 * user's own settings, else the launch's environment, else none (''). undefined when managed
 * settings set it: they outrank --settings, and the project's value is lost anyway.
 */
function ownTrafficValue(layers: readonly SettingsFile[], variable: string, inherited: Env): string | undefined {
  for (const file of layers) {
    if (!file.exists || file.error || !Object.hasOwn(file.env, variable)) continue;
    if (file.layer === 'managed') return undefined;
    if (file.layer === 'user') return file.env[variable]!.value;
  }
  return inherited[variable] ?? '';
}

/**
 * Settings keys that supply a credential (apiKeyHelper, ...): each one set in a layer or in
 * the user's --settings is switched off with its neutral value. Throws for managed settings.
 */
function keyOverrides(plan: LaunchPlan, layers: readonly SettingsFile[], user: UserSettings | undefined, home: string): { keys: Record<string, string>; found: string[] } {
  const keys: Record<string, string> = {};
  const found: string[] = [];
  for (const file of layers) {
    if (!file.exists || file.error) continue;
    for (const { key, neutral } of CREDENTIAL_SETTINGS_KEYS) {
      if (!isSetCredentialKey(file.data?.[key])) continue;
      if (file.layer === 'managed') {
        throw new CcenvError(`managed settings ${at(file, file.keys[key], home)} set ${key}, which overrides profile ${plan.profile}`, {
          hint: 'managed settings outrank everything a launch can pass, so ccenv stops here; ask whoever manages this machine, or use a profile that agrees with them',
        });
      }
      if (Object.hasOwn(keys, key)) continue;
      keys[key] = neutral;
      found.push(`${key} (${at(file, file.keys[key], home)})`);
    }
  }
  for (const { key, neutral } of CREDENTIAL_SETTINGS_KEYS) {
    if (!isSetCredentialKey(user?.value[key])) continue;
    if (!Object.hasOwn(keys, key)) found.push(`${key} (--settings)`);
    keys[key] = neutral;
  }
  return { keys, found };
}

/**
 * Pure: the plan with `--settings` added (or the user's merged) when a settings layer's
 * `env` block would change the profile's credential or provider. Throws when a managed
 * file does, or when only putting a secret on the command line could undo it. `home`: for
 * showing paths under it as `~/...`.
 */
export function applySettingsOverrides(plan: LaunchPlan, profile: Profile, layers: readonly SettingsFile[], user: UserSettings | undefined, home = '', inherited: Env = {}): LaunchPlan {
  const want = (variable: string) => plan.set[variable] ?? '';
  const overrides: Record<string, string> = {};
  const found: string[] = [];
  const fromUser = asEnv(user?.value.env);
  for (const file of layers) {
    if (!file.exists || file.error) continue;
    for (const [variable, { value }] of Object.entries(file.env)) {
      // A project's proxy or certificate choice goes back to the launch's own: it could carry
      // the profile's key through a host the project chose. The user's own files keep theirs.
      if ((file.layer === 'project' || file.layer === 'local') && isTrafficVariable(variable)) {
        const own = ownTrafficValue(layers, variable, inherited);
        if (own === undefined || value === own || Object.hasOwn(overrides, variable)) continue;
        if (withoutUserInfo(own) !== own) {
          throw new CcenvError(`${at(file, file.env[variable], home)} sets ${variable} in its env block, which would send claude's requests, the key with them, through another proxy`, {
            hint: `remove ${variable} from that file's env block (setting yours back would put its password on claude's command line)`,
          });
        }
        overrides[variable] = own;
        found.push(`${variable} (${at(file, file.env[variable], home)})`);
        continue;
      }
      if (!matters(plan, profile, variable) || value === want(variable)) continue;
      if (file.layer === 'managed') {
        throw new CcenvError(`managed settings ${at(file, file.env[variable], home)} set ${variable}, which overrides profile ${plan.profile}`, {
          hint: 'managed settings outrank everything a launch can pass, so ccenv stops here; ask whoever manages this machine, or use a profile that agrees with them',
        });
      }
      if (plan.secretVariables.includes(variable)) {
        throw new CcenvError(`${at(file, file.env[variable], home)} sets ${variable} in its env block, which overrides profile ${plan.profile}`, {
          hint: `remove ${variable} from that file's env block (undoing it would put the secret on claude's command line)`,
        });
      }
      overrides[variable] = want(variable);
      found.push(`${variable} (${at(file, file.env[variable], home)})`);
    }
  }
  // The user's own --settings is merged with ours: its conflicting entries give way too.
  for (const [variable, value] of Object.entries(fromUser)) {
    if (!matters(plan, profile, variable) || value === want(variable) || Object.hasOwn(overrides, variable)) continue;
    if (!plan.secretVariables.includes(variable)) overrides[variable] = want(variable);
    found.push(`${variable} (--settings)`);
  }
  const helpers = keyOverrides(plan, layers, user, home);
  found.push(...helpers.found);
  if (found.length === 0) return plan;
  const env: Record<string, string> = { ...fromUser, ...overrides };
  for (const variable of plan.secretVariables) {
    if (Object.hasOwn(fromUser, variable) && fromUser[variable] !== want(variable)) delete env[variable];
  }
  const hasEnv = Object.keys(env).length > 0 || user?.value.env !== undefined;
  const merged = JSON.stringify({ ...user?.value, ...helpers.keys, ...(hasEnv ? { env } : {}) });
  const args = [...plan.args];
  for (const { index, words } of [...(user?.at ?? [])].reverse()) args.splice(index, words);
  args.unshift('--settings', merged);
  return {
    ...plan,
    args,
    notes: [...plan.notes, `settings would override profile ${plan.profile}: ${found.join(', ')}; overridden for this launch with --settings`],
  };
}
