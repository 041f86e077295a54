/**
 * The editors that start Claude Code themselves, and the settings that decide how
 * (docs/claude-code.md, "Editors"; each name checked in the editor's documentation).
 */
import { join } from 'node:path';
import type { Env } from '../paths.js';

export const EDITORS = ['vscode', 'jetbrains', 'zed'] as const;
export type Editor = (typeof EDITORS)[number];

/** VS Code (and Cursor): the extension runs `WRAPPER CLAUDE ARGS...` when this names a wrapper. */
export const VSCODE_WRAPPER_SETTING = 'claudeCode.claudeProcessWrapper';
/** VS Code: `[{ "name", "value" }]` set in the extension's claude. */
export const VSCODE_ENVIRONMENT_SETTING = 'claudeCode.environmentVariables';
/** JetBrains: Settings > Tools > Claude Code [Beta] > General > Claude command, run in the IDE's terminal. */
export const JETBRAINS_COMMAND_SETTING = 'Settings > Tools > Claude Code [Beta] > General > Claude command';
/** Zed: the Claude agent (ACP adapter) runs this executable instead of its own claude. */
export const ZED_EXECUTABLE_VARIABLE = 'CLAUDE_CODE_EXECUTABLE';
export const ZED_AGENT_SERVER = 'claude-acp';

/** User settings.json of VS Code and its forks that use the same extension settings, per platform. */
export function vscodeSettingsFiles(env: Env, home: string, platform: NodeJS.Platform = process.platform): { editor: string; path: string }[] {
  const base =
    platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : platform === 'win32'
        ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return [
    { editor: 'VS Code', path: join(base, 'Code', 'User', 'settings.json') },
    { editor: 'VS Code Insiders', path: join(base, 'Code - Insiders', 'User', 'settings.json') },
    { editor: 'Cursor', path: join(base, 'Cursor', 'User', 'settings.json') },
    { editor: 'VSCodium', path: join(base, 'VSCodium', 'User', 'settings.json') },
  ];
}
