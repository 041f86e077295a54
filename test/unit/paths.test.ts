/**
 * Where ccenv keeps its files, and where Claude Code's managed settings are, per platform.
 * macOS uses the same XDG places as Linux (not ~/Library), as the README says; managed
 * settings are where Claude Code itself looks (docs/claude-code.md, "macOS").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { managedSettingsDir, settingsPaths } from '../../src/claude/settings.js';
import { configDir, dataDir, stateDir, type Env } from '../../src/paths.js';

const H = '/Users/ada';
const XDG = { XDG_CONFIG_HOME: '/x/config', XDG_DATA_HOME: '/x/data', XDG_STATE_HOME: '/x/state' };

describe("ccenv's own directories", () => {
  it.each<[NodeJS.Platform, Env, string, string, string]>([
    ['darwin', { HOME: H }, `${H}/.config/ccenv`, `${H}/.local/share/ccenv`, `${H}/.local/state/ccenv`],
    ['darwin', { HOME: H, ...XDG }, '/x/config/ccenv', '/x/data/ccenv', '/x/state/ccenv'],
    ['darwin', { HOME: H, CCENV_CONFIG_DIR: '/c' }, '/c', `${H}/.local/share/ccenv`, `${H}/.local/state/ccenv`],
    ['linux', { HOME: '/home/ada' }, '/home/ada/.config/ccenv', '/home/ada/.local/share/ccenv', '/home/ada/.local/state/ccenv'],
    ['linux', { HOME: '/home/ada', ...XDG }, '/x/config/ccenv', '/x/data/ccenv', '/x/state/ccenv'],
    ['win32', { HOME: 'C:/u', APPDATA: 'C:/u/roam', LOCALAPPDATA: 'C:/u/local' }, 'C:/u/roam/ccenv', 'C:/u/local/ccenv', 'C:/u/local/ccenv/state'],
  ])('%s %j: config %s, data %s, state %s', (platform, env, config, data, state) => {
    expect([configDir(env, platform), dataDir(env, platform), stateDir(env, platform)]).toEqual([config, data, state]);
  });

  it("the README's macOS section names the same places", () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('\n## macOS');
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const env = { HOME: '~' };
    for (const dir of [configDir(env, 'darwin'), dataDir(env, 'darwin'), stateDir(env, 'darwin')]) expect(section).toContain(dir);
  });
});

describe("Claude Code's managed settings", () => {
  it.each<[NodeJS.Platform, string]>([
    ['darwin', '/Library/Application Support/ClaudeCode'],
    ['linux', '/etc/claude-code'],
    ['win32', 'C:\\Program Files\\ClaudeCode'],
  ])('%s: %s', (platform, dir) => {
    expect(managedSettingsDir({ HOME: H }, platform)).toBe(dir);
  });

  it('darwin: managed-settings.json there, then the user file under ~/.claude', () => {
    const paths = settingsPaths({ HOME: H }, '/p', { platform: 'darwin' });
    expect(paths[0]).toEqual({ layer: 'managed', path: '/Library/Application Support/ClaudeCode/managed-settings.json' });
    expect(paths.at(-1)).toEqual({ layer: 'user', path: `${H}/.claude/settings.json` });
  });
});
