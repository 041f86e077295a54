/** What the launch benchmarks share: a throw-away home with a secret store, and how to time a run. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CCENV = join(ROOT, 'bin', 'ccenv.cjs');

export function requireBuild() {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run npm run build first');
}

/**
 * A home of its own, and the environment to run ccenv in: the keychain on the private bus
 * when there is one (unless CCENV_BENCH_BACKEND=file), else the file backend.
 */
export function benchHome(prefix) {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const keychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) && process.env.CCENV_BENCH_BACKEND !== 'file';
  const env = {
    HOME: home,
    PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    LANG: 'C.UTF-8',
    ...(process.env.DBUS_SESSION_BUS_ADDRESS ? { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS } : {}),
    ...(keychain
      ? { CCENV_BACKEND: 'keychain', CCENV_KEYCHAIN_SERVICE: `ccenv-bench-${process.pid}` }
      : { CCENV_BACKEND: 'file', CCENV_FILE_PASSPHRASE: 'bench passphrase' }),
  };
  return { home, env, keychain };
}

/** `node ARGS` in `env`, which must succeed. */
export function run(env, args, input) {
  const r = spawnSync(process.execPath, args, { env, input: input ?? '', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
}

/** How long `node ARGS` takes, in ms, wall clock. */
export function timed(env, args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return ms;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
