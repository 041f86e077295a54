/**
 * A stand-in for the claude binary: a small shell script on PATH that records its argv, its
 * environment and what it reads from descriptor 3, then does what FAKE_* variables say.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = `#!/bin/sh
log="$FAKE_LOG"
for a in "$@"; do printf '%s\\n' "$a"; done > "$log.argv"
env > "$log.env"
# The environment its parent was started with, where /proc shows it.
if [ -r "/proc/$PPID/environ" ]; then tr '\\000' '\\n' < "/proc/$PPID/environ" > "$log.parent-env"; fi
echo $$ > "$log.pid"
if { true <&3; } 2>/dev/null; then cat <&3 > "$log.fd3"; fi
: > "$log.went-on"
if [ "$1" = "--version" ]; then echo "\${FAKE_VERSION:-9.9.9} (Fake Claude)"; exit 0; fi
if [ -n "$FAKE_TRAP" ]; then
  for s in INT TERM HUP QUIT; do trap "echo $s >> '$log.signals'; exit $FAKE_TRAP_EXIT" $s; done
  : > "$log.ready"
  while :; do sleep 0.05; done
fi
if [ -n "$FAKE_WAIT" ]; then : > "$log.ready"; while :; do sleep 0.05; done; fi
if [ -n "$FAKE_CAT" ]; then cat; fi
if [ -n "$FAKE_SIGNAL" ]; then kill -s "$FAKE_SIGNAL" $$; sleep 5; fi
exit "\${FAKE_EXIT:-0}"
`;

export interface FakeClaude {
  /** The directory to put first on PATH. */
  bin: string;
  /** Base path of the log files. */
  log: string;
  ran(): boolean;
  /** It went on past reading descriptor 3 (as claude would go on to make requests). */
  wentOn(): boolean;
  argv(): string[];
  env(): Record<string, string>;
  /** The environment ccenv's Node was started with (Linux), as env() is claude's. */
  parentEnv(): Record<string, string>;
  fd3(): string | undefined;
  signals(): string[];
  ready(): boolean;
}

export function fakeClaude(root: string, name = 'claude'): FakeClaude {
  const bin = join(root, 'fake-bin');
  mkdirSync(bin, { recursive: true });
  const path = join(bin, name);
  writeFileSync(path, SCRIPT);
  chmodSync(path, 0o755);
  const log = join(root, 'fake-log');
  const read = (suffix: string) => (existsSync(log + suffix) ? readFileSync(log + suffix, 'utf8') : undefined);
  return {
    bin,
    log,
    ran: () => existsSync(`${log}.argv`),
    wentOn: () => existsSync(`${log}.went-on`),
    argv: () => (read('.argv') ?? '').split('\n').slice(0, -1),
    env: () => envOf(read('.env')),
    parentEnv: () => envOf(read('.parent-env')),
    fd3: () => read('.fd3'),
    signals: () => (read('.signals') ?? '').split('\n').filter(Boolean),
    ready: () => existsSync(`${log}.ready`),
  };
}

/** `env`'s output as a record (a value with a newline in it is cut there). */
function envOf(text: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (text ?? '')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** A fake claude first on the sandbox's PATH, logging where FAKE_LOG says: the set-up every launch test shares. */
export function fakeClaudeOnPath(box: { home: string; env: Record<string, string> }): FakeClaude {
  const fake = fakeClaude(box.home);
  box.env.PATH = `${fake.bin}:${box.env.PATH}`;
  box.env.FAKE_LOG = fake.log;
  return fake;
}
