/**
 * Inside a ccenv launch (CCENV_ACTIVE set), the commands that hand out a secret (exec,
 * show --reveal, env --reveal) ask the person at the terminal first, and refuse where there
 * is none: a command the agent runs cannot get a secret without the user seeing it.
 */
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCENV, ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { requirement } from '../helpers/requirements.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';
import { terminal, type Terminal } from '../helpers/terminal.js';

const KEY = 'sk-ant-api03-INSIDE-SESSION-KEY-77c1';
let box: Sandbox;

beforeEach(async () => {
  box = sandbox({ PATH: '/usr/bin:/bin' });
  const add = await ccenv(box, ['add', 'work', '--kind', 'api-key', '--secret-stdin'], { input: KEY });
  expect(add.exitCode, add.stderr).toBe(0);
});
afterEach(() => box.cleanup());

/** Runs ccenv in a new session: no controlling terminal, as under an agent's tool. */
async function detached(args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, [CCENV, ...args], { env: { ...box.env, ...env }, extendEnv: false, reject: false, detached: true, input: '', cwd: box.home });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

describe('inside a launched session, without a terminal', () => {
  it.each([
    [['exec', '@work', '--', 'printenv', 'ANTHROPIC_API_KEY'], "running printenv with the profile's secrets in its environment"],
    [['show', 'work', '--reveal'], 'printing the secret of profile work'],
    [['env', '@work', '--reveal'], 'printing the secrets of profile work'],
  ])('%j is refused, and no secret is printed', async (args, what) => {
    const run = await detached(args, { CCENV_ACTIVE: 'work' });
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(`ccenv: refused inside a ccenv launch (work): ${what} needs a yes typed at a terminal, and there is none`);
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('runs without asking outside a launch, and with CCENV_ALLOW_REVEAL=1 set by the caller', async () => {
    expect((await detached(['exec', '@work', '--', 'printenv', 'ANTHROPIC_API_KEY'])).stdout).toBe(KEY);
    const allowed = await detached(['exec', '@work', '--', 'printenv', 'ANTHROPIC_API_KEY'], { CCENV_ACTIVE: 'work', CCENV_ALLOW_REVEAL: '1' });
    expect(allowed.stdout).toBe(KEY);
  });

  it('masked output needs no confirmation', async () => {
    const run = await detached(['env', '@work'], { CCENV_ACTIVE: 'work' });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).not.toContain(KEY);
  });
});

describe('inside a launched session, at a terminal', () => {
  if (!requirement('tmux', has('tmux'), HOW_TO_GET)) return;
  let term: Terminal;
  beforeEach(() => {
    term = terminal(box, { CCENV_ACTIVE: 'work' });
  });
  afterEach(async () => term.close());

  it('asks on the terminal; y runs the command', async () => {
    await term.start(`node ${CCENV} exec @work -- sh -c 'echo got-\${#ANTHROPIC_API_KEY}'`);
    await term.waitFor('Allow? [y/N]');
    await term.type('y');
    const screen = await term.waitFor('exit=');
    expect(screen).toContain(`got-${KEY.length}`);
    expect(screen).toContain('exit=0');
  });

  it('anything but y refuses', async () => {
    await term.start(`node ${CCENV} show work --reveal`);
    await term.waitFor('Allow? [y/N]');
    await term.type('');
    const screen = await term.waitFor('exit=');
    expect(screen).not.toContain(KEY);
    expect(screen).toMatch(/exit=[1-9]/);
  });
});
