import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

function home(env: Env): string {
  return env.HOME || homedir();
}

/** Where profiles (never secrets) live: $CCENV_CONFIG_DIR, $XDG_CONFIG_HOME/ccenv, ~/.config/ccenv. */
export function configDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  if (env.CCENV_CONFIG_DIR) return env.CCENV_CONFIG_DIR;
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'ccenv');
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'ccenv');
  return join(home(env), '.config', 'ccenv');
}

/** Where state that must stay outside every repository lives: trust records, the file backend. */
export function dataDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'ccenv');
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'ccenv');
  return join(home(env), '.local', 'share', 'ccenv');
}

export function configFile(env: Env): string {
  return join(configDir(env), 'config.json');
}

/** Where ccenv keeps what it has observed (the health of each profile): $XDG_STATE_HOME/ccenv, ~/.local/state/ccenv. */
export function stateDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'ccenv', 'state');
  if (env.XDG_STATE_HOME) return join(env.XDG_STATE_HOME, 'ccenv');
  return join(home(env), '.local', 'state', 'ccenv');
}

/** Where ccenv keeps backups of the settings files it edits: outside every repository, never beside the file. */
export function backupsDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  return join(dataDir(env, platform), 'backups');
}
