/**
 * A fake claude that fails as the real one does for a rejected credential: when FAKE_FAIL_FOR
 * (a comma-separated list) names the launched profile, it runs the StopFailure hooks of its
 * --settings, as Claude Code does for a 401, prints Claude Code's message and exits 1
 * (FAKE_EXIT). Otherwise it answers. Each run is logged to FAKE_LOG as a JSON line.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FAKE = `#!${process.execPath}
const { execFileSync } = require('node:child_process');
const { appendFileSync } = require('node:fs');
const args = process.argv.slice(2);
const env = process.env;
appendFileSync(env.FAKE_LOG, JSON.stringify({ profile: env.CCENV_ACTIVE, args }) + '\\n');
if ((env.FAKE_FAIL_FOR || '').split(',').includes(env.CCENV_ACTIVE)) {
  const at = args.indexOf('--settings');
  const hooks = at >= 0 ? JSON.parse(args[at + 1]).hooks.StopFailure : [];
  const dir = env.CLAUDE_CONFIG_DIR || env.HOME + '/.claude';
  const input = JSON.stringify({ session_id: 'S1', transcript_path: dir + '/projects/-w/S1.jsonl', cwd: '/w', hook_event_name: 'StopFailure', error: 'authentication_failed', last_assistant_message: 'Failed to authenticate. API Error: 401' });
  if (env.FAKE_TOOLS) {
    require('node:fs').mkdirSync(dir + '/projects/-w', { recursive: true });
    appendFileSync(dir + '/projects/-w/S1.jsonl', JSON.stringify({ type: 'assistant', message: { content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] } }) + '\\n');
  }
  for (const group of hooks) for (const h of group.hooks) execFileSync('/bin/sh', ['-c', h.command], { input });
  process.stdout.write('Failed to authenticate. API Error: 401\\n');
  process.exit(Number(env.FAKE_EXIT ?? 1));
}
const given = env.FAKE_ECHO_STDIN ? ', given: ' + require('node:fs').readFileSync(0, 'utf8') : '';
process.stdout.write('answer from ' + env.CCENV_ACTIVE + given + '\\n');
`;

/** Puts the failing claude first on the box's PATH, logging to `<home>/claude.log` (returned). */
export function failingClaudeOnPath(box: { home: string; env: Record<string, string> }): string {
  const bin = join(box.home, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'claude'), FAKE);
  chmodSync(join(bin, 'claude'), 0o755);
  box.env.PATH = `${bin}:${box.env.PATH}`;
  const log = join(box.home, 'claude.log');
  box.env.FAKE_LOG = log;
  return log;
}
