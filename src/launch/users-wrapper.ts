/**
 * A user's own `processWrapper` setting (a corporate launcher) keeps working under ccenv:
 * ccenv's variable wins over the setting in Claude Code, so ccenv's wrapper calls the user's
 * (CCENV_WRAP_INNER), which then runs the command. Claude Code honours the setting from
 * managed and user settings (not from a project's), and so does this.
 */
import { PROCESS_WRAPPER_SETTING } from '../claude/process-wrapper.js';
import type { SettingsFile } from '../claude/settings.js';
import type { LaunchPlan } from './plan.js';
import { WRAP_INNER_VARIABLE } from './wrapper-variables.js';

/** The user's wrapper from settings, managed first, when the environment named none. */
export function settingsWrapper(layers: readonly SettingsFile[]): string | undefined {
  for (const layer of ['managed', 'user'] as const) {
    for (const file of layers) {
      const value = file.layer === layer ? file.data?.[PROCESS_WRAPPER_SETTING] : undefined;
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  return undefined;
}

/** The plan with the settings' wrapper recorded as the inner one, unless one is already recorded. */
export function keepUsersWrapper(plan: LaunchPlan, layers: readonly SettingsFile[]): LaunchPlan {
  if (plan.set[WRAP_INNER_VARIABLE]) return plan;
  const inner = settingsWrapper(layers);
  if (!inner || inner === plan.set.CLAUDE_CODE_PROCESS_WRAPPER) return plan;
  return { ...plan, set: { ...plan.set, [WRAP_INNER_VARIABLE]: inner } };
}
