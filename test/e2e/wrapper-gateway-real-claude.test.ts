/**
 * A gateway profile through the process wrapper and the editors' wrapper, with the real
 * claude: Claude Code reads a gateway token's descriptor only when it is a socket
 * (docs/claude-code.md), and bash, which the wrappers are, can hand over only a pipe. So the
 * wrappers give a gateway token in the environment, as a launch does for a gateway that takes
 * no descriptor: the request must arrive with the profile's token.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccenv, ROOT, type Sandbox } from '../helpers/cli.js';
import { CLAUDE, realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';

const TOKEN = 'gw-E2E-WRAPPER-GATEWAY-TOKEN-0004';

describe('a gateway profile through the wrappers, with the real claude', () => {
  if (!requireRealClaude()) return;

  let box: Sandbox;
  let api: StandIn;
  let project: string;

  beforeAll(async () => {
    api = await startStandIn();
    box = realClaudeSandbox();
    const add = await ccenv(box, ['add', 'gw', '--kind', 'gateway', '--base-url', api.url, '--secret-stdin'], { input: TOKEN });
    expect(add.exitCode, add.stderr).toBe(0);
    project = join(box.home, 'project');
    mkdirSync(project);
    writeFileSync(join(project, '.ccprofile'), 'gw\n');
    expect((await ccenv(box, ['allow'], { cwd: project })).exitCode).toBe(0);
  });
  afterAll(async () => {
    await api?.close();
    box?.cleanup();
  });

  const bearers = () => api.requests().filter((r) => r.method === 'POST').map((r) => r.headers.authorization);

  it.each([
    ['bin/ccenv-ide (an editor)', 'ccenv-ide', {}],
    ['bin/ccenv-wrap (a background process)', 'ccenv-wrap', { CCENV_ACTIVE: 'gw', CCENV_WRAP_CONFIG: '' }],
  ])('%s: the token arrives as the Bearer', async (_what, wrapper, extra: Record<string, string>) => {
    api.clear();
    const env = { ...box.env, ...extra, ...('CCENV_WRAP_CONFIG' in extra ? { CCENV_WRAP_CONFIG: box.configDir } : {}) };
    const run = await execa(join(ROOT, 'bin', wrapper), [CLAUDE, '-p', 'hi'], { cwd: project, env, extendEnv: false, reject: false, timeout: 90_000 });
    expect(run.exitCode, `${String(run.stdout)}\n${String(run.stderr)}`).toBe(0);
    expect(String(run.stdout)).toContain('stand-in ok');
    const seen = bearers();
    expect(seen.length).toBeGreaterThan(0);
    for (const b of seen) expect(b).toBe(`Bearer ${TOKEN}`);
    expect(String(run.stderr)).not.toContain(TOKEN);
  }, 120_000);
});
