/**
 * The list of Claude Code's own subcommands that ccenv keeps as data (src/claude/subcommands.ts)
 * against the pinned claude itself: an upgrade that adds, renames or drops one fails here.
 */
import { execFile, execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HIDDEN_SUBCOMMANDS, LISTED_SUBCOMMANDS } from '../../src/claude/subcommands.js';
import { CLAUDE, requireRealClaude } from '../helpers/real-claude.js';
import { startStandIn } from '../helpers/stand-in.js';
import { scratchDir } from '../helpers/scratch.js';

const home = scratchDir('ccenv-claude-help');

function claude(args: string[]): string {
  return execFileSync(CLAUDE, args, { env: { PATH: '/usr/bin:/bin', HOME: home }, encoding: 'utf8', timeout: 60_000 });
}

/** The names in the "Commands:" section of commander's help: `  name|alias [args]  text`. */
function listedIn(help: string): string[] {
  const section = help.split('\nCommands:\n')[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][\w-]*(?:\|[a-z][\w-]*)*)(?= |$)/gm)].flatMap((m) => m[1]!.split('|'));
}

describe("Claude Code's own subcommands", () => {
  if (!requireRealClaude()) return;

  it('are the ones `claude --help` lists', () => {
    const listed = listedIn(claude(['--help']));
    expect(listed.length).toBeGreaterThan(5);
    expect([...listed].sort()).toEqual([...LISTED_SUBCOMMANDS].sort());
  });

  it.each(HIDDEN_SUBCOMMANDS)('%s is a subcommand though --help does not list it', (name) => {
    expect(claude([name, '--help'])).toMatch(new RegExp(`^Usage: claude ${name} `));
  });
});

describe('what claude takes for the prompt', () => {
  if (!requireRealClaude()) return;

  // Why ccenv checks only the first word for a typo: `ccenv staus work` would send "staus".
  it('is its first positional word alone: the words after it are dropped', async () => {
    const api = await startStandIn();
    try {
      const env = { PATH: '/usr/bin:/bin', HOME: home, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', ANTHROPIC_BASE_URL: api.url, ANTHROPIC_API_KEY: 'sk-test' };
      await new Promise<void>((done, fail) => execFile(CLAUDE, ['-p', 'fix', 'the', 'build'], { env, timeout: 60_000 }, (e) => (e ? fail(e) : done())));
      const said = api
        .requests()
        .flatMap((r) => (r.json?.messages ?? []) as { role: string; content: string | { text?: string }[] }[])
        .filter((m) => m.role === 'user')
        .flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.map((b) => b.text ?? '')))
        .filter((t) => !t.includes('<system-reminder>'));
      expect(said).toContain('fix');
      expect(said.join('\n')).not.toContain('the build');
    } finally {
      await api.close();
    }
  });
});
