/**
 * doctor's `claude auth status` comparison against the real claude (the pinned
 * devDependency), offline with a temporary HOME; and the "Done when" scenario.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccenv, sandbox, type Sandbox } from '../helpers/cli.js';
import { CLAUDE, requireRealClaude } from '../helpers/real-claude.js';
import * as trap from '../helpers/traps.js';

const haveClaude = existsSync(CLAUDE);

interface Finding {
  id: string;
  severity: string;
  what: string;
  where?: { file: string; line?: number; column?: number };
  fix?: string;
}

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  // The user's claude: a link outside ccenv's node_modules (doctor names a claude found there as ccenv's own copy).
  const bin = join(box.home, 'claude-bin');
  mkdirSync(bin);
  if (haveClaude) symlinkSync(realpathSync(CLAUDE), join(bin, 'claude'));
  box.env.PATH = `${bin}:/usr/bin:/bin`;
});
afterEach(() => box.cleanup());

async function doctorJson(args: string[] = [], options: { env?: Record<string, string>; cwd?: string } = {}) {
  const run = await ccenv(box, ['doctor', '--json', ...args], options);
  trap.assertNoSecret([run.stdout, run.stderr]);
  return { ...(JSON.parse(run.stdout) as { ok: boolean; findings: Finding[] }), exitCode: run.exitCode, stderr: run.stderr };
}

describe('claude auth status under each profile, with the real claude', () => {
  if (!requireRealClaude()) return;

  it('agrees for an API key profile and a Bedrock profile', async () => {
    expect((await ccenv(box, ['add', 'k', '--kind', 'api-key', '--secret-stdin'], { input: trap.API_KEY })).exitCode).toBe(0);
    expect((await ccenv(box, ['add', 'b', '--kind', 'bedrock', '--region', 'us-east-1'])).exitCode).toBe(0);
    const k = await doctorJson(['@k']);
    expect(k.findings.find((f) => f.id.startsWith('auth-status'))).toMatchObject({ id: 'auth-status.agrees', what: expect.stringContaining('api_key') });
    const b = await doctorJson(['@b']);
    expect(b.findings.find((f) => f.id.startsWith('auth-status'))?.what).toContain('apiProvider bedrock');
    expect(k.exitCode).toBe(0);
  });

  it('an apiKeyHelper: the launch switches it off, so claude agrees; doctor still flags the file for a plain claude', async () => {
    trap.credentials(box, trap.login(Date.now() + 3_600_000));
    trap.write(join(box.home, '.claude', 'settings.json'), '{\n  "apiKeyHelper": "echo sk-ant-api03-helper"\n}\n');
    const out = await doctorJson(['@subscription']);
    expect(out.findings.find((x) => x.id.startsWith('auth-status'))).toMatchObject({ id: 'auth-status.agrees', what: expect.stringContaining('claude.ai') });
    expect(out.findings.find((x) => x.id === 'settings.api-key-helper')).toMatchObject({ severity: 'error', why: expect.stringContaining('ccenv switches it off') });
    expect(out.exitCode).toBe(1);
    // Without the helper, the login is what claude uses.
    trap.write(join(box.home, '.claude', 'settings.json'), '{}\n');
    const clean = await doctorJson(['@subscription']);
    expect(clean.findings.find((x) => x.id.startsWith('auth-status'))).toMatchObject({ id: 'auth-status.agrees', what: expect.stringContaining('claude.ai') });
    expect(clean.exitCode).toBe(0);
  });
});

describe('done when: a home with every trap', () => {
  if (!requireRealClaude()) return;

  it('doctor reports each trap, init imports, the fixes it names make doctor exit 0', async () => {
    // The traps: API key in .zshrc, settings env block, a trailing comma, corrupt
    // .credentials.json, two claude binaries, Bedrock half set.
    const zshrc = trap.apiKeyInZshrc(box);
    const settings = trap.settingsEnvBlock(box);
    const project = join(box.home, 'project');
    mkdirSync(project);
    const comma = trap.trailingCommaSettings(box, project);
    const creds = trap.credentials(box, '{"claudeAiOauth": {"accessTo');
    const bashrc = trap.bedrockHalfSet(box);
    const second = trap.fakeClaude(box, 'old-bin', '1.0.0');
    const path = `${join(box.home, 'claude-bin')}:${second}:/usr/bin:/bin`;
    // The shell the user types in has sourced their start-up files.
    const shell = { PATH: path, SHELL: '/bin/zsh', ANTHROPIC_API_KEY: trap.API_KEY, CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'corp' };
    const at = { env: shell, cwd: project };

    const text = await ccenv(box, ['doctor'], at);
    trap.assertNoSecret([text.stdout, text.stderr]);
    expect(text.exitCode).toBe(1);
    for (const where of [`~/.zshrc:${zshrc.line}`, `~/.claude/settings.json:${settings.line}`, `~/project/.claude/settings.json:${comma.line}:${comma.column}`, `~/.bashrc:${bashrc.line}`]) {
      expect(text.stdout).toContain(where);
    }
    expect(text.stdout).toContain('~/.claude/.credentials.json is malformed');
    expect(text.stdout).toContain('2 claude binaries on PATH');
    expect(text.stdout).toContain('AWS_REGION');

    const before = await doctorJson([], at);
    const ids = new Set(before.findings.map((f) => f.id));
    for (const id of ['rc.credential', 'env.credential', 'settings.env-credential', 'settings.trailing-comma', 'login.malformed', 'claude.several', 'env.provider-incomplete']) {
      expect(ids, id).toContain(id);
    }

    // init: clean profiles, secrets in the store.
    const init = await ccenv(box, ['init', '--yes', '--json'], at);
    trap.assertNoSecret([init.stdout, init.stderr]);
    const imported = JSON.parse(init.stdout) as { created: { name: string; kind: string }[] };
    expect(imported.created.map((c) => c.kind).sort()).toEqual(['api-key', 'api-key', 'bedrock']);
    const again = JSON.parse((await ccenv(box, ['init', '--yes', '--json'], at)).stdout) as { created: unknown[] };
    expect(again.created).toEqual([]);

    // The fixes it named: the start-up lines it printed, the comma, --fix, the login file.
    const rcLines = before.findings.filter((f) => f.id === 'rc.credential').map((f) => f.where!);
    expect(rcLines.map((w) => `${w.file}:${w.line}`).sort()).toEqual([`${bashrc.file}:${bashrc.line}`, `${zshrc.file}:${zshrc.line}`].sort());
    for (const { file, line } of rcLines) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.splice(line! - 1, 1);
      writeFileSync(file, lines.join('\n'));
    }
    const commaFinding = before.findings.find((f) => f.id === 'settings.trailing-comma')!;
    const lines = readFileSync(comma.file, 'utf8').split('\n');
    const l = lines[commaFinding.where!.line! - 1]!;
    lines[commaFinding.where!.line! - 1] = l.slice(0, commaFinding.where!.column! - 1) + l.slice(commaFinding.where!.column!);
    writeFileSync(comma.file, lines.join('\n'));
    expect(commaFinding.fix).toContain('once it parses, its env block sets ANTHROPIC_API_KEY');
    const fix = await ccenv(box, ['doctor', '--fix'], at);
    trap.assertNoSecret([fix.stdout, fix.stderr]);
    expect(fix.stderr).toContain('remove ANTHROPIC_API_KEY from the env block of ~/.claude/settings.json');
    expect(fix.stderr).toContain('remove ANTHROPIC_API_KEY from the env block of ~/project/.claude/settings.json');
    expect(before.findings.find((f) => f.id === 'login.malformed')?.fix).toContain('ccenv @subscription auth logout');
    const logout = await ccenv(box, ['auth', 'logout'], { env: { PATH: path }, cwd: project });
    expect(logout.exitCode).toBe(0);
    expect(existsSync(creds)).toBe(false);

    // A new shell: the start-up files no longer export anything.
    const after = await doctorJson([], { env: { PATH: path, SHELL: '/bin/zsh' }, cwd: project });
    expect(after.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(after.exitCode).toBe(0);
    expect(after.findings.map((f) => f.id)).toContain('claude.several'); // a warning, named, not a failure
  }, 90_000); // about fifteen ccenv runs, several of them starting the real claude
});
