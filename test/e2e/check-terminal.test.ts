/** `ccenv check` at a real terminal (tmux): the file backend's passphrase is asked before the time limits start. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CCENV, ccenv } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';
import { terminalEachTest } from '../helpers/terminal.js';

const KEY = 'sk-ant-api03-CHECK-at-the-terminal-66bb';
const TOKEN = 'gw-CHECK-at-the-terminal-TOKEN-77cc';

describe('check at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  const t = terminalEachTest({ PATH: '/usr/bin:/bin' });
  let api: StandIn;
  beforeAll(async () => {
    api = await startStandIn();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('asks the passphrase once, before the limits start: a person slower than --timeout still has both profiles checked', async () => {
    for (const [name, kind, secret] of [['one', 'api-key', KEY], ['two', 'gateway', TOKEN]] as const) {
      const added = await ccenv(t.box, ['add', name, '--kind', kind, '--base-url', api.url, '--secret-stdin'], { input: secret });
      expect(added.exitCode, added.stderr).toBe(0);
    }
    const passphrase = t.box.env.CCENV_FILE_PASSPHRASE!;
    const noPassphrase = { ...t.box.env };
    delete (noPassphrase as Record<string, string | undefined>).CCENV_FILE_PASSPHRASE;
    t.box.env = noPassphrase;
    const out = join(t.box.home, 'check.json');
    await t.term.start(`node ${CCENV} check @one @two --timeout 1000 --json > '${out}'`);
    await t.term.waitFor('Passphrase for the ccenv secrets file');
    await sleep(2000);
    await t.term.keys('-l', passphrase);
    await t.term.keys('Enter');
    const screen = await t.term.waitFor('exit=');
    expect(screen).toContain('exit=0');
    expect(screen.split('Passphrase for the ccenv secrets file')).toHaveLength(2);
    expect(screen).not.toContain(passphrase);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject([
      { profile: 'one', status: 'ok' },
      { profile: 'two', status: 'ok' },
    ]);
  });
});
