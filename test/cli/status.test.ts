import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { fakeClaudeOnPath } from '../helpers/fake-claude.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  fakeClaudeOnPath(box);
});
afterEach(() => box.cleanup());

function writeConfig(config: object): void {
  mkdirSync(box.configDir, { recursive: true });
  writeFileSync(join(box.configDir, 'config.json'), JSON.stringify({ version: 1, ...config }));
}

async function statusJson(args: string[] = [], env: Record<string, string> = {}) {
  const run = await ccenv(box, ['status', '--json', ...args], { env });
  return { exitCode: run.exitCode, report: JSON.parse(run.stdout) as Record<string, unknown>, stderr: run.stderr };
}

describe('ccenv status', () => {
  it('names the built-in profile when nothing is chosen, and the claude it runs', async () => {
    const { exitCode, report } = await statusJson();
    expect(exitCode).toBe(0);
    expect(report).toMatchObject({ profile: 'subscription', source: 'nothing chosen: the built-in profile', secret: 'not needed', outer: null });
    expect(report.claude).toMatchObject({ version: '9.9.9 (Fake Claude)' });
  });

  it.each([
    [{ CCENV_PROFILE: 'b' }, 'b', 'CCENV_PROFILE (cc use)'],
    [{}, 'a', 'the default (use --global)'],
  ])('says where the choice came from (%o)', async (env, profile, source) => {
    writeConfig({ default: 'a', profiles: { a: { kind: 'subscription' }, b: { kind: 'vertex', region: 'us-east5', projectId: 'proj-x1' } } });
    const { report } = await statusJson([], env);
    expect(report).toMatchObject({ profile, source });
    const current = await ccenv(box, ['current', '--json'], { env });
    expect(JSON.parse(current.stdout)).toMatchObject({ profile, source });
  });

  it('shows the outer launch of a nested one (CCENV_ACTIVE) beside the inner profile', async () => {
    writeConfig({ profiles: { inner: { kind: 'subscription' } } });
    const run = await ccenv(box, ['status', '@inner'], { env: { CCENV_ACTIVE: 'outer' } });
    expect(run.stdout).toMatch(/^profile +inner \(subscription\)$/m);
    expect(run.stdout).toMatch(/^inside +a launch of outer \(CCENV_ACTIVE\); a launch here uses inner$/m);
  });

  it('says that a subscription profile is not logged in, and how to log in', async () => {
    writeConfig({ profiles: { max: { kind: 'subscription' } } });
    const run = await ccenv(box, ['status', '@max']);
    expect(run.stdout).toMatch(/^auth +claude's own login: not logged in \(log in: ccenv login max\)$/m);
    const { report } = await statusJson(['@max']);
    expect(report).toMatchObject({ account: { loggedIn: false } });
  });

  it('a malformed login: status and list say so, with the fix doctor gives', async () => {
    mkdirSync(join(box.home, '.claude'), { recursive: true });
    writeFileSync(join(box.home, '.claude', '.credentials.json'), '{"claudeAiOauth":', { mode: 0o600 });
    const status = await ccenv(box, ['status']);
    expect(status.stdout).toMatch(/^auth +claude's own login: malformed: it is not JSON \(fix: ccenv login --repair subscription\)$/m);
    expect(status.stdout).not.toContain('not logged in');
    const list = await ccenv(box, ['list']);
    expect(list.stdout).toContain("claude's own login: malformed: it is not JSON (fix: ccenv login --repair subscription)");
    const doctor = JSON.parse((await ccenv(box, ['doctor', '--json'])).stdout) as { findings: { id: string; fix?: string }[] };
    expect(doctor.findings.find((f) => f.id === 'login.malformed')?.fix).toContain('ccenv login --repair subscription');
    expect(doctor.findings.find((f) => f.id === 'profile.not-logged-in')).toBeUndefined();
    const { report } = await statusJson();
    expect(report).toMatchObject({ account: { loggedIn: false, loginProblem: { state: 'malformed', why: 'it is not JSON' } } });
  });

  it('a login path that cannot be read: status and list say so, and point to doctor', async () => {
    mkdirSync(join(box.home, '.claude', '.credentials.json'), { recursive: true });
    const status = await ccenv(box, ['status']);
    expect(status.stdout).toMatch(/^auth +claude's own login: unreadable: not a regular file \(a directory\) \(see: ccenv doctor @subscription\)$/m);
    const list = await ccenv(box, ['list']);
    expect(list.stdout).toContain("claude's own login: unreadable: not a regular file (a directory) (see: ccenv doctor @subscription)");
  });

  it('an expired login that cannot be renewed: status says how to log that profile in again', async () => {
    const dir = join(box.home, 'wm2');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'at', expiresAt: Date.UTC(2025, 0, 1), subscriptionType: 'pro' } }), { mode: 0o600 });
    writeConfig({ profiles: { wm2: { kind: 'subscription', configDir: dir } } });
    const run = await ccenv(box, ['status', '@wm2']);
    expect(run.stdout).toMatch(/^auth +claude login in .*wm2: logged in, pro \(login expired\) \(log in: ccenv login wm2\)$/m);
  });

  it('names the secret backend in use for a profile that needs no secret', async () => {
    writeConfig({ profiles: { max: { kind: 'subscription' }, v: { kind: 'vertex', region: 'us-east5', projectId: 'proj-x1' } } });
    for (const at of ['@max', '@v']) {
      const { report } = await statusJson([at]);
      expect(report).toMatchObject({ secret: 'not needed', backend: expect.stringContaining('encrypted file') });
    }
    const run = await ccenv(box, ['status', '@v']);
    expect(run.stdout).toMatch(/^secret +none needed \(backend in use: encrypted file .*secrets\.enc\)$/m);
  });

  it('exits 1 and says how to fix a missing secret', async () => {
    writeConfig({ profiles: { k: { kind: 'api-key', hasSecret: true } } });
    const { exitCode, report, stderr } = await statusJson(['@k']);
    expect(exitCode).toBe(1);
    expect(report).toMatchObject({ secret: 'missing', backend: expect.stringContaining('encrypted file') });
    expect(stderr).toContain('ccenv edit k --secret-stdin');
  });

  it('reports a present secret without showing it', async () => {
    const secret = 'sk-ant-api03-STATUS-SECRET-99';
    expect((await ccenv(box, ['add', 'k', '--kind', 'api-key', '--secret-stdin'], { input: secret })).exitCode).toBe(0);
    const run = await ccenv(box, ['status', '@k']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^secret +present in encrypted file/m);
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('exits 1 when no claude is found, naming the install command', async () => {
    const { exitCode, report } = await statusJson([], { PATH: '/usr/bin:/bin' });
    expect(exitCode).toBe(1);
    expect(report.claude).toBeNull();
    expect(report.claudeProblem).toContain('npm install -g @anthropic-ai/claude-code');
  });
});

describe('ccenv --version', () => {
  it("prints ccenv's version and the claude a launch would run", async () => {
    const run = await ccenv(box, ['--version']);
    expect(run.exitCode).toBe(0);
    const [first, second] = run.stdout.split('\n');
    expect(first).toMatch(/^ccenv \d+\.\d+\.\d+/);
    expect(second).toBe(`claude 9.9.9 (Fake Claude) at ${join(box.home, 'fake-bin', 'claude')}`);
  });

  it('says when there is no claude', async () => {
    const run = await ccenv(box, ['--version'], { env: { PATH: '/usr/bin:/bin' } });
    expect(run.stdout.split('\n')[1]).toBe('claude not found');
    expect(run.stderr).toContain('npm install -g @anthropic-ai/claude-code');
  });
});
