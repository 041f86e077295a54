import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { fakeClaudeOnPath, type FakeClaude } from '../helpers/fake-claude.js';
import { API_KEY, assertNoSecret } from '../helpers/traps.js';
import { treeHashes } from '../helpers/tree-hashes.js';

let box: Sandbox;
let fake: FakeClaude;
let dir: string;


function livedIn(credentials: string): void {
  mkdirSync(join(dir, 'projects', '-home-u-app'), { recursive: true });
  writeFileSync(join(dir, 'projects', '-home-u-app', 'a1.jsonl'), '{"type":"user"}\n');
  writeFileSync(join(dir, 'history.jsonl'), '{"display":"hi"}\n');
  writeFileSync(join(dir, 'settings.json'), '{"model":"opus"}\n');
  writeFileSync(join(dir, '.claude.json'), '{"numStartups":3}\n');
  writeFileSync(join(dir, '.credentials.json'), credentials, { mode: 0o600 });
}

beforeAll(async () => {
  box = sandbox();
  fake = fakeClaudeOnPath(box);
  dir = join(box.home, 'claude-max2');
  for (const [name, args, secret] of [
    ['max2', ['--kind', 'subscription', '--config-dir', dir]],
    ['work-api', ['--kind', 'api-key', '--secret-stdin'], API_KEY],
    ['max-token', ['--kind', 'subscription', '--secret-stdin'], 'sk-ant-oat01-FIXTURE-setup-token'],
  ] as [string, string[], string?][]) {
    const run = await ccenv(box, ['add', name, ...args], { input: secret ?? '' });
    expect(run, run.stderr).toMatchObject({ exitCode: 0 });
  }
}, 60_000);
afterAll(() => box.cleanup());

describe('ccenv login and logout', () => {
  it("runs claude auth login in the profile's config directory, without the shell's credentials", async () => {
    const run = await ccenv(box, ['login', 'max2', '--email', 'ann@example.com'], { env: { ANTHROPIC_API_KEY: API_KEY, CLAUDE_CONFIG_DIR: '/elsewhere' } });
    expect(run, run.stderr).toMatchObject({ exitCode: 0 });
    expect(fake.argv()).toEqual(['auth', 'login', '--email', 'ann@example.com']);
    const env = fake.env();
    expect(env.CLAUDE_CONFIG_DIR).toBe(dir);
    expect(env.CCENV_ACTIVE).toBe('max2');
    expect(env).not.toHaveProperty('ANTHROPIC_API_KEY');
    expect(env).not.toHaveProperty('CCENV_FILE_PASSPHRASE');
  });

  it('logout: claude auth logout in that directory; claude exit status is ccenv', async () => {
    const run = await ccenv(box, ['logout', 'max2'], { env: { FAKE_EXIT: '3' } });
    expect(run.exitCode).toBe(3);
    expect(fake.argv()).toEqual(['auth', 'logout']);
    expect(fake.env().CLAUDE_CONFIG_DIR).toBe(dir);
  });

  it.each([
    ['work-api', 'login', 'profile work-api is an api-key profile: ccenv login is for subscription profiles'],
    ['max-token', 'logout', 'profile max-token uses a setup token (a stored secret), not a login'],
  ])('refuses %s for %s, and says why', async (name, verb, words) => {
    const run = await ccenv(box, [verb, name]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(words);
    expect(run.stderr).toContain('ccenv edit');
    assertNoSecret([run.stdout, run.stderr]);
  });

  it('--repair: the broken login set aside (0600), every other file byte-identical, then claude logs in', async () => {
    livedIn('{"claudeAiOauth": {"accessTok');
    const before = treeHashes(dir, (p) => p.startsWith('.credentials.json'));
    const run = await ccenv(box, ['login', '--repair', 'max2']);
    expect(run, run.stderr).toMatchObject({ exitCode: 0 });
    expect(run.stderr).toMatch(/the login of max2 is malformed \(it is not JSON\): set aside as ~\/claude-max2\/\.credentials\.json\.ccenv-backup-\d{8}T\d{6}Z/);
    expect(fake.argv()).toEqual(['auth', 'login']);
    const backups = readdirSync(dir).filter((f) => f.includes('.ccenv-backup-'));
    expect(backups).toHaveLength(1);
    expect(statSync(join(dir, backups[0]!)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).not.toContain('.credentials.json');
    expect(treeHashes(dir, (p) => p.startsWith('.credentials.json'))).toEqual(before);
  });

  it('doctor --fix lists the login repair first, sets it aside, and without a terminal prints the login to run', async () => {
    livedIn('{"claudeAiOauth": {"refreshToken": "sk-ant-ort01-FIXTURE"}}');
    writeFileSync(join(dir, '.credentials.json'), readFileSync(join(dir, '.credentials.json')), { mode: 0o644 });
    const before = treeHashes(dir, (p) => p.startsWith('.credentials.json'));
    const run = await ccenv(box, ['doctor', '--fix', '@max2'], { env: { FAKE_LOG: join(box.home, 'doctor-log') } });
    const listed = run.stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(listed[0]).toContain('set the broken login of max2 aside (a dated backup, mode 0600) and log in again: ccenv login --repair max2');
    expect(run.stderr).toContain('log in again: ccenv login max2');
    expect(run.stderr).toContain('the login of max2 is malformed (its claudeAiOauth login has no accessToken)');
    expect(treeHashes(dir, (p) => p.startsWith('.credentials.json'))).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('.ccenv-backup-'))).toHaveLength(2);
    // No login was started without a terminal (doctor runs claude --version and auth status only).
    expect(readFileSync(join(box.home, 'doctor-log.argv'), 'utf8')).not.toContain('login');
  });
});
