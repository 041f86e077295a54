/**
 * Claude Code's settings layers, ~/.claude.json and the `ant` CLI's active_config: JSON
 * errors with line and column, env blocks that set credential or provider variables,
 * apiKeyHelper and the other keys that supply a credential, forceLoginMethod.
 */
import { join } from 'node:path';
import { CREDENTIAL_SETTINGS_KEYS, isSetCredentialKey } from '../claude/settings-keys.js';
import { isAwsCredentialVariable, isModelVariable, isTrafficVariable } from '../claude/variables.js';
import { GLOBAL_CONFIG_LIMIT } from '../claude/account-files.js';
import { claudeConfigDir, readSettingsFile, readSettingsText, readSettingsLayers, type SettingsFile } from '../claude/settings.js';
import { readBounded, UnreadableFileError } from '../fs/bounded.js';
import { formatWhere, tilde, type Check, type DoctorInput, type Finding } from './finding.js';
import { withoutUserInfo } from '../terminal.js';
import { BUILTIN_PROFILE } from '../profiles/names.js';
import { holdings, safeToRemove } from './held.js';
import { showValue } from './mask.js';
import { isClaudeVariable, whyVariable } from './variables.js';

const LAYER_NAMES: Record<string, string> = {
  managed: 'managed settings',
  local: 'local project settings',
  project: 'project settings',
  user: 'user settings',
};

/** The credential variables a file's env block will set once its trailing commas are gone. */
async function hiddenEnvVariables(text: string): Promise<string[]> {
  const { parse } = await import('jsonc-parser');
  const errors: import('jsonc-parser').ParseError[] = [];
  const data = parse(text, errors, { allowTrailingComma: true, disallowComments: true }) as unknown;
  if (errors.length > 0 || typeof data !== 'object' || data === null) return [];
  const env = (data as { env?: unknown }).env;
  return env && typeof env === 'object' ? Object.keys(env).filter(isClaudeVariable) : [];
}

/** `limit`: the bound the file was read with (the default settings bound if not given). */
async function parseErrorFinding(file: SettingsFile, what: string, input: DoctorInput, limit?: number): Promise<Finding> {
  const error = file.error!;
  if (error.line === undefined) {
    return {
      id: 'settings.unreadable',
      severity: 'error',
      what: `${tilde(file.path, input.home)} cannot be read: ${error.message}`,
      where: { file: file.path },
      why: `claude ignores ${what} it cannot read`,
      fix:
        error.code === 'EACCES'
          ? `make it readable by you: chmod u+r ${tilde(file.path, input.home)}`
          : `look at what it is (ls -l ${tilde(file.path, input.home)}): settings are a plain JSON file`,
    };
  }
  const problems = error.problems ?? [];
  const commas = problems.length > 0 && problems.every((p) => p.name === 'trailing comma');
  const where = { file: file.path, line: error.line, ...(error.column !== undefined ? { column: error.column } : {}) };
  let hidden: string[] = [];
  if (commas) {
    try {
      hidden = await hiddenEnvVariables(readSettingsText(file.path, limit).text);
    } catch {
      // reported by position only
    }
  }
  const then = hidden.length > 0 ? `; once it parses, its env block sets ${hidden.join(', ')}: run ccenv doctor again` : '';
  const shown = tilde(file.path, input.home);
  const at = problems.map((p) => `${p.line}:${p.column}`);
  const list = at.length > 1 ? `${at.slice(0, -1).join(', ')} and ${at.at(-1)}` : '';
  return {
    id: commas ? 'settings.trailing-comma' : 'settings.invalid-json',
    severity: 'error',
    what: commas
      ? problems.length === 1
        ? `${formatWhere(where, input.home)}: a trailing comma makes ${what} invalid JSON`
        : `${formatWhere(where, input.home)}: ${problems.length} trailing commas make ${what} invalid JSON: at ${at.join(', ')}`
      : `${formatWhere(where, input.home)}: ${error.message}`,
    where,
    why: `claude reports "Invalid or malformed JSON" and ignores everything in this file`,
    fix: commas
      ? problems.length === 1
        ? `delete the comma at line ${where.line}, column ${where.column} of ${shown} (ccenv never rewrites a file it cannot parse)${then}`
        : `delete the commas at ${list} of ${shown} (ccenv never rewrites a file it cannot parse)${then}`
      : `fix the JSON at ${problems.length > 1 ? list : `line ${error.line}, column ${error.column}`} of ${shown} by hand (ccenv never rewrites a file it cannot parse)`,
  };
}

async function layerFindings(file: SettingsFile, input: DoctorInput): Promise<Finding[]> {
  const what = LAYER_NAMES[file.layer] ?? 'settings';
  if (file.error) return [await parseErrorFinding(file, what, input)];
  const out: Finding[] = [];
  const managed = file.layer === 'managed';
  const vars = Object.fromEntries(Object.entries(file.env).map(([name, entry]) => [name, entry.value]));
  const holding = managed || !Object.keys(vars).some(isClaudeVariable) ? undefined : await holdings({ label: file.path, file: file.path, layer: file.layer, vars }, input);
  for (const [name, entry] of Object.entries(file.env)) {
    const where = { file: file.path, line: entry.line, column: entry.column };
    // A model outside managed settings is the user's choice for every launch (init leaves it
    // there too); a profile that names its own model wins at launch (settings-override.ts).
    if (isModelVariable(name) && !managed) continue;
    if (isClaudeVariable(name)) {
      const shown = tilde(file.path, input.home);
      const heldBy = holding?.heldBy.get(name);
      const safe = holding !== undefined && safeToRemove(holding, name);
      out.push({
        id: 'settings.env-credential',
        severity: 'error',
        what: `${name} is set in the env block of ${what} ${formatWhere(where, input.home)} (${showValue(name, entry.value)})`,
        where,
        why: managed
          ? `managed settings beat every other setting and ccenv cannot override them: ${whyVariable(name)}`
          : `a settings env block beats the environment, so ${whyVariable(name)}; ccenv overrides it at launch, a plain claude does not`,
        fix: managed
          ? `ask whoever manages ${shown} to remove ${name} from its env block`
          : heldBy
            ? `it is kept as profile ${heldBy}, so it is safe to remove "${name}" from the env block of ${shown} (ccenv doctor --fix does it, with a backup)`
            : safe
              ? `remove "${name}" from the env block of ${shown} (ccenv doctor --fix does it, with a backup)`
              : `no profile holds it yet${holding?.storeError ? ` (the secret store could not be asked: ${holding.storeError})` : ''}: import it first with ccenv init, which then offers to remove it from ${shown}`,
        ...(safe ? { fixable: { kind: 'remove-env-variable' as const, file: file.path, variable: name } } : {}),
      });
    } else if ((file.layer === 'project' || file.layer === 'local') && isTrafficVariable(name)) {
      out.push({
        id: 'settings.env-traffic',
        severity: 'warning',
        what: `${name} is set in the env block of ${what} ${formatWhere(where, input.home)} (${JSON.stringify(withoutUserInfo(entry.value).slice(0, 80))})`,
        where,
        why: name.startsWith('NODE_')
          ? "it decides which servers claude trusts: a plain claude here sends your key to whoever the project's certificate or setting lets in; ccenv sets it back at launch"
          : "claude's requests, your key with them, go through that proxy: a plain claude here does so; ccenv sets it back at launch",
        fix: `if the project did not mean to choose for you, remove "${name}" from the env block of ${tilde(file.path, input.home)}; a company proxy belongs in your own ~/.claude/settings.json`,
      });
    } else if (isAwsCredentialVariable(name)) {
      out.push({
        id: 'settings.env-aws',
        severity: 'warning',
        what: `${name} is set in the env block of ${what} ${formatWhere(where, input.home)}`,
        where,
        why: 'it decides which AWS credential claude uses for Bedrock, whatever a Bedrock profile says',
        fix: `if a ccenv profile should choose the AWS credential, remove "${name}" from that env block`,
      });
    }
  }
  for (const { key, does } of CREDENTIAL_SETTINGS_KEYS) {
    const at = file.keys[key];
    if (!at || !isSetCredentialKey(file.data?.[key])) continue;
    const where = { file: file.path, ...at };
    out.push({
      id: key === 'apiKeyHelper' ? 'settings.api-key-helper' : 'settings.credential-key',
      severity: 'error',
      what: `${key} is set in ${what} ${formatWhere(where, input.home)}`,
      where,
      why: managed
        ? `${does}; managed settings beat everything a launch can pass, so ccenv refuses to launch`
        : `${does}, whatever profile you pick; ccenv switches it off at launch, a plain claude does not`,
      fix: managed
        ? `ask whoever manages ${tilde(file.path, input.home)} to remove "${key}"`
        : key === 'apiKeyHelper'
          ? `delete the "apiKeyHelper" entry from ${tilde(file.path, input.home)}; keep the key as a profile instead: HELPER | ccenv add NAME --kind api-key --secret-stdin`
          : `delete the "${key}" entry from ${tilde(file.path, input.home)}; let a Bedrock or Vertex profile choose the credential`,
    });
  }
  const force = file.keys.forceLoginMethod;
  if (force) {
    const where = { file: file.path, ...force };
    out.push({
      id: 'settings.force-login-method',
      severity: 'warning',
      what: `forceLoginMethod is set to ${JSON.stringify(file.data?.forceLoginMethod)} in ${what} ${formatWhere(where, input.home)}`,
      where,
      why: 'it restricts which account claude lets you log in with, for every profile',
      fix: `if a subscription profile needs the other kind of account, delete "forceLoginMethod" from ${tilde(file.path, input.home)}`,
    });
  }
  return out;
}

async function claudeJsonFindings(input: DoctorInput): Promise<Finding[]> {
  const dir = input.env.CLAUDE_CONFIG_DIR;
  const path = dir ? join(dir, '.claude.json') : join(input.home, '.claude.json');
  const file = await readSettingsFile('user', path, GLOBAL_CONFIG_LIMIT);
  if (!file.exists) return [];
  if (file.error) return [await parseErrorFinding(file, 'its preferences, MCP servers and project trust', input, GLOBAL_CONFIG_LIMIT)];
  const out: Finding[] = [];
  const key = file.keys.primaryApiKey;
  if (key) {
    const where = { file: path, ...key };
    out.push({
      id: 'claude-json.primary-api-key',
      severity: 'warning',
      what: `an API key from a Console login is stored in ${formatWhere(where, input.home)}`,
      where,
      why: 'claude may bill this key instead of your subscription',
      fix: `run ccenv @${BUILTIN_PROFILE} auth logout, then ccenv @${BUILTIN_PROFILE} auth login with the account you mean (keep an API key as a ccenv profile instead)`,
    });
  }
  return out;
}

/** The ant CLI writes a configuration's name there: a line. */
const ACTIVE_CONFIG_BYTES = 64 << 10;

function activeConfigFindings(input: DoctorInput): Finding[] {
  const path = join(input.env.XDG_CONFIG_HOME || join(input.home, '.config'), 'anthropic', 'active_config');
  let text: string;
  try {
    text = readBounded(path, ACTIVE_CONFIG_BYTES).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    return [
      {
        id: 'ant.active-config-unreadable',
        severity: 'warning',
        what: `${tilde(path, input.home)} cannot be read: ${error instanceof UnreadableFileError ? error.message : (code ?? 'error')}`,
        where: { file: path },
        why: "it is the ant CLI's active configuration, which can switch Claude Code to API billing; ccenv cannot tell what it names",
        fix: `look at what it is (ls -l ${tilde(path, input.home)}), and remove it if it is not the ant CLI's`,
      },
    ];
  }
  const name = text.trim().split('\n')[0] ?? '';
  return [
    {
      id: 'ant.active-config',
      severity: 'error',
      what: `the ant CLI's active configuration ${name ? JSON.stringify(name.slice(0, 60)) : '(empty)'} is set in ${tilde(path, input.home)}`,
      where: { file: path, line: 1 },
      why: 'it can switch Claude Code to API billing behind the back of every profile',
      fix: `delete ${tilde(path, input.home)} (only that file: your ant configurations stay), or deactivate it with the ant CLI`,
    },
  ];
}

export const settings: Check = {
  name: 'Claude Code settings',
  async run(input) {
    // In the home directory the project settings are the user settings: keep the user layer.
    const layers = await readSettingsLayers(input.env, input.cwd);
    const files = layers.filter((f, i) => !layers.slice(i + 1).some((g) => g.path === f.path));
    const extra = new Set(files.map((f) => f.path));
    for (const [, profile] of input.profiles) {
      if (profile.kind !== 'subscription' || !profile.configDir) continue;
      const path = join(claudeConfigDir(input.env, profile.configDir), 'settings.json');
      if (!extra.has(path)) {
        extra.add(path);
        files.push(await readSettingsFile('user', path));
      }
    }
    const findings: Finding[] = [];
    for (const file of files.filter((f) => f.exists)) findings.push(...(await layerFindings(file, input)));
    findings.push(...(await claudeJsonFindings(input)), ...activeConfigFindings(input));
    if (findings.length === 0) {
      const n = files.filter((f) => f.exists).length;
      findings.push({ id: 'settings.clean', severity: 'ok', what: `settings: ${n} file${n === 1 ? '' : 's'}, nothing that chooses a credential` });
    }
    return findings;
  },
};
