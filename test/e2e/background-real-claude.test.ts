/**
 * Background sessions of the real claude (the pinned devDependency), started by the built
 * ccenv against a stand-in API: Claude Code starts its service and the session through
 * ccenv's wrapper, which reads the profile's secret again from a real Secret Service.
 * Each `--bg` run costs a service and a session: keep them few.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccenv, ROOT, type Sandbox } from '../helpers/cli.js';
import { CLAUDE, realClaudeSandbox, requireRealClaude } from '../helpers/real-claude.js';
import { longSecretService, stopBackgroundService, trustForBackground, type LongSecretService } from '../helpers/background.js';
import { secretServiceRequirement } from '../helpers/secret-service.js';
import { startStandIn, type StandIn } from '../helpers/stand-in.js';
import { runningService } from '../../src/claude/process-wrapper.js';


const KEY = 'sk-ant-api03-BACKGROUND-API-KEY-000000000001';
const OTHER = 'sk-ant-api03-BACKGROUND-OTHER-KEY-0000000003';
const TOKEN = 'sk-ant-oat01-BACKGROUND-SUBSCRIPTION-TOKEN-02';
const HOSTILE = { ANTHROPIC_API_KEY: 'sk-ant-api03-JUNK-FROM-SHELL', ANTHROPIC_AUTH_TOKEN: 'JUNK-AUTH', CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-JUNK' };

describe('background sessions of the real claude, launched by ccenv', () => {
  if (!requireRealClaude()) return;
  if (!secretServiceRequirement()) return;

  let box: Sandbox;
  let api: StandIn;
  let secrets: LongSecretService;
  let workspace: string;
  let ownDir: string;

  beforeAll(async () => {
    api = await startStandIn({ text: 'background ok' });
    box = realClaudeSandbox({ CCENV_BACKEND: 'keychain' });
    secrets = await longSecretService(box.home);
    Object.assign(box.env, secrets.env);
    workspace = join(box.home, 'project');
    ownDir = join(box.home, 'second-account');
    mkdirSync(workspace);
    trustForBackground(join(box.home, '.claude.json'), workspace, [KEY, OTHER]);
    trustForBackground(join(ownDir, '.claude.json'), workspace);
    for (const [args, input] of [
      [['add', 'api', '--kind', 'api-key', '--secret-stdin', '--base-url', api.url], KEY],
      [['add', 'other', '--kind', 'api-key', '--secret-stdin', '--base-url', api.url], OTHER],
      [['add', 'tok', '--kind', 'subscription', '--secret-stdin', '--config-dir', ownDir, '--base-url', api.url], TOKEN],
    ] as const) {
      const run = await ccenv(box, [...args], { input });
      expect(run.exitCode, run.stderr).toBe(0);
    }
  }, 60_000);

  afterAll(() => {
    stopBackgroundService(CLAUDE, box.env);
    stopBackgroundService(CLAUDE, box.env, ownDir);
    secrets?.stop();
    void api?.close();
    box?.cleanup();
  });

  const modelCalls = () => api.requests().filter((r) => r.method === 'POST' && r.path.includes('/messages'));
  async function until(condition: () => boolean, seconds = 120): Promise<void> {
    for (let i = 0; i < seconds * 4 && !condition(); i++) await new Promise((r) => setTimeout(r, 250));
  }

  it('a --bg session sends the profile key and no other credential, read again after the launch has ended', async () => {
    const run = await ccenv(box, ['@api', '--bg', 'first task'], { cwd: workspace, env: HOSTILE });
    expect(run.exitCode, run.stderr).toBe(0);
    // The launch has exited: the descriptor it wrote is gone. What the session sends, it read through the wrapper.
    await until(() => modelCalls().length > 0);
    const calls = modelCalls();
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.headers['x-api-key']).toBe(KEY);
      expect(call.headers.authorization).toBeUndefined();
    }
    const service = runningService(join(box.home, '.claude'));
    expect(service?.env?.CLAUDE_CODE_PROCESS_WRAPPER).toBe(join(ROOT, 'bin', 'ccenv-wrap'));
    expect(service?.env?.CCENV_ACTIVE).toBe('api');
    expect(Object.values(service?.env ?? {}).join('\n')).not.toContain(KEY);
  }, 180_000);

  it('another profile is refused by the service that profile api started, and sends nothing', async () => {
    const before = modelCalls().length;
    const run = await ccenv(box, ['@other', '--bg', 'second task'], { cwd: workspace });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('runs under profile api; a background session of profile other would run with it, so none was started');
    expect(modelCalls().slice(before).filter((c) => c.headers['x-api-key'] === OTHER)).toEqual([]);
  }, 60_000);

  it('a profile with its own Claude directory gets its own service and its own credential, beside the first', async () => {
    const run = await ccenv(box, ['@tok', '--bg', 'third task'], { cwd: workspace, env: HOSTILE });
    expect(run.exitCode, run.stderr).toBe(0);
    const bearer = () => modelCalls().filter((c) => c.headers.authorization !== undefined);
    await until(() => bearer().length > 0);
    expect(bearer().length).toBeGreaterThan(0);
    for (const call of bearer()) {
      expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(call.headers['x-api-key']).toBeUndefined();
    }
    expect(runningService(ownDir)?.env?.CCENV_ACTIVE).toBe('tok');
    expect(runningService(join(box.home, '.claude'))?.env?.CCENV_ACTIVE).toBe('api');
  }, 180_000);

  it('with ccenv gone from the path a launch recorded, claude starts no service, says why and exits 1', async () => {
    const fresh = join(box.home, 'fresh-claude-dir');
    trustForBackground(join(fresh, '.claude.json'), workspace, [KEY]);
    const before = modelCalls().length;
    const gone = join(box.home, 'uninstalled', 'bin', 'ccenv-wrap');
    const run = spawnSync(CLAUDE, ['--bg', 'fourth task'], {
      cwd: workspace,
      env: { ...box.env, CLAUDE_CONFIG_DIR: fresh, CCENV_ACTIVE: 'api', CCENV_WRAP_CONFIG: box.configDir, CLAUDE_CODE_PROCESS_WRAPPER: gone, ANTHROPIC_BASE_URL: api.url, ANTHROPIC_API_KEY: 'sk-ant-api03-NOT-THE-PROFILE' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr + run.stdout).toContain(`launcher \`${gone}\` does not exist`);
    expect(modelCalls().length).toBe(before);
    expect(runningService(fresh)).toBeUndefined();
  }, 90_000);
});
