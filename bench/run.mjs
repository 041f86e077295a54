#!/usr/bin/env node
// npm run bench: runs every bench/*.mjs but this one and common.mjs, in name order, inside a private
// Secret Service (scripts/with-secret-service.sh) unless one already answers on the bus,
// so that launch benchmarks read the keychain as users do.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..');

function secretServiceOnBus() {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) return false;
  const r = spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.ListNames'], {
    encoding: 'utf8',
    timeout: 3000,
  });
  return r.status === 0 && r.stdout.includes('"org.freedesktop.secrets"');
}

// --quick: fewer rounds everywhere (a figure to compare ratios on a busy machine, not to quote).
if (process.argv.includes('--quick')) process.env.CCENV_BENCH_QUICK = '1';

const wrapper = join(ROOT, 'scripts', 'with-secret-service.sh');
if (process.platform === 'linux' && !process.env.CCENV_BENCH_INSIDE && !secretServiceOnBus() && existsSync(wrapper)) {
  const r = spawnSync('bash', [wrapper, process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, CCENV_BENCH_INSIDE: '1' },
  });
  if (r.status !== 125) process.exit(r.status ?? 1);
  console.error('bench: no private Secret Service could be started; launch benchmarks use the file backend');
}

let failed = false;
for (const file of readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && f !== 'common.mjs').sort()) {
  console.log(`\n== bench/${file}`);
  const r = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit', env: { ...process.env, CCENV_BENCH_INSIDE: '1' } });
  if (r.status !== 0) {
    console.error(`bench/${file} failed (${r.status ?? r.signal})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
