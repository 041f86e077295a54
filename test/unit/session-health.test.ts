/** Health seen from inside a session: the status line's usage, the StopFailure hook, the fallback to go on with. */
import { describe, expect, it } from 'vitest';
import { parseStopFailure } from '../../src/claude/hooks.js';
import { parseStatusLineInput } from '../../src/claude/statusline.js';
import { clock, reasonOf } from '../../src/health/choose.js';
import { nextFallback } from '../../src/health/next-fallback.js';
import { entryFromFailure, entryFromUsage, failureStatus, LIMIT_MS } from '../../src/health/seen.js';
import type { Health, HealthEntry } from '../../src/health/state.js';
import { addFailureHook, failureHookCommand, LAUNCH_ID_VARIABLE } from '../../src/launch/failure-hook.js';
import type { LaunchPlan } from '../../src/launch/plan.js';
import { goOn } from '../../src/launch/session-failure.js';
import type { Profile } from '../../src/profiles/types.js';

/** What Claude Code 2.1.332 piped to a status-line command, rate limits from the stand-in's usage headers (trimmed). */
const SEEN_STATUS_LINE = JSON.stringify({
  session_id: 'a3cbf98f-7eb4-4f89-acc8-4f2459ab5dfe',
  transcript_path: '/h/.claude/projects/-w/a3cbf98f-7eb4-4f89-acc8-4f2459ab5dfe.jsonl',
  cwd: '/w',
  model: { id: 'claude-sonnet-5-5', display_name: 'Sonnet 5.5' },
  version: '2.1.332',
  cost: { total_cost_usd: 0.00007 },
  rate_limits: { five_hour: { used_percentage: 100, resets_at: 1795841004 }, seven_day: { used_percentage: 42, resets_at: 1796096604 } },
});

/** What Claude Code 2.1.332 gave a StopFailure hook for a 401 in a -p run. */
const SEEN_STOP_FAILURE = JSON.stringify({
  session_id: '9757f300-bdd7-4095-b094-6af9915589e9',
  transcript_path: '/h/.claude/projects/-w/9757f300-bdd7-4095-b094-6af9915589e9.jsonl',
  cwd: '/w',
  prompt_id: '99f9f1f6-b401-4ed6-96b9-2fad18e6b0ba',
  effort: { level: 'medium' },
  hook_event_name: 'StopFailure',
  error: 'authentication_failed',
  last_assistant_message: 'Failed to authenticate. API Error: 401 stand-in: 401',
});

describe('the status-line JSON', () => {
  it('gives the session and the usage windows, resets in ms', () => {
    expect(parseStatusLineInput(SEEN_STATUS_LINE)).toEqual({
      sessionId: 'a3cbf98f-7eb4-4f89-acc8-4f2459ab5dfe',
      transcriptPath: '/h/.claude/projects/-w/a3cbf98f-7eb4-4f89-acc8-4f2459ab5dfe.jsonl',
      fiveHour: { percent: 100, resetsAt: 1795841004000 },
      sevenDay: { percent: 42, resetsAt: 1796096604000 },
    });
  });

  it.each([
    ['empty', '', {}],
    ['garbage', 'not json', {}],
    ['an array', '[1]', {}],
    ['no rate_limits (an API key)', '{"session_id":"s"}', { sessionId: 's' }],
    ['a window without a number', '{"rate_limits":{"five_hour":{"used_percentage":"82"}}}', {}],
    ['a window without a reset', '{"rate_limits":{"five_hour":{"used_percentage":82}}}', { fiveHour: { percent: 82 } }],
    ['a percentage out of range', '{"rate_limits":{"seven_day":{"used_percentage":140,"resets_at":-1}}}', { sevenDay: { percent: 100 } }],
  ])('%s', (_, text, expected) => {
    expect(parseStatusLineInput(text)).toEqual(expected);
  });
});

describe('what the usage windows record', () => {
  const now = 1795837404000;
  it('a full window: limited until its reset, tagged with the launch and session', () => {
    expect(entryFromUsage(parseStatusLineInput(SEEN_STATUS_LINE), now, { launch: 'L', sessionId: 'S' })).toEqual({
      record: { status: 'limited', detail: '5h limit at 100%', seenAt: now, until: 1795841004000, source: 'statusline', launch: 'L', sessionId: 'S' },
    });
  });
  it('the record holds no clock time of its own: read the next day, the reset still says which day', () => {
    // A time written into the detail ("resets 14:05") is right only on the day it was written.
    const seen = entryFromUsage({ sevenDay: { percent: 100, resetsAt: now + 3 * 86_400_000 } }, now, {});
    const record = (seen as { record: HealthEntry }).record;
    expect(record.detail).toBe('7d limit at 100%');
    const nextDay = now + 86_400_000;
    expect(reasonOf('max', record, nextDay)).toBe(`max is limited until ${clock(record.until!, nextDay)}`);
    expect(clock(record.until!, nextDay)).toMatch(/^[A-Z][a-z]{2} \d{1,2} \d\d:\d\d$/);
  });
  it.each([
    ['both full: the later reset', { fiveHour: { percent: 100, resetsAt: now + 1000 }, sevenDay: { percent: 100, resetsAt: now + 9000 } }, now + 9000],
    ['a full window whose reset is past: a while', { fiveHour: { percent: 100, resetsAt: now - 1 } }, now + LIMIT_MS],
  ])('%s', (_, input, until) => {
    const seen = entryFromUsage(input, now, {});
    expect(seen).not.toBe('keep');
    expect(seen).not.toBe('clear');
    expect((seen as { record: HealthEntry }).record.until).toBe(until);
  });
  it('below 100%: clear; no windows: keep', () => {
    expect(entryFromUsage({ fiveHour: { percent: 99.9 } }, now, {})).toBe('clear');
    expect(entryFromUsage({}, now, {})).toBe('keep');
  });
});

describe('the StopFailure hook input', () => {
  it('gives the error, the session and its transcript', () => {
    expect(parseStopFailure(SEEN_STOP_FAILURE)).toEqual({
      error: 'authentication_failed',
      sessionId: '9757f300-bdd7-4095-b094-6af9915589e9',
      transcriptPath: '/h/.claude/projects/-w/9757f300-bdd7-4095-b094-6af9915589e9.jsonl',
    });
  });
  it.each([['another event', '{"hook_event_name":"Stop","error":"x"}'], ['no error', '{"hook_event_name":"StopFailure"}'], ['garbage', '{']])('%s: nothing', (_, text) => {
    expect(parseStopFailure(text)).toBeUndefined();
  });

  it.each([
    ['authentication_failed', 'rejected'],
    ['oauth_org_not_allowed', 'rejected'],
    ['billing_error', 'rejected'],
    ['rate_limit', 'limited'],
    ['overloaded', 'outage'],
    ['server_error', 'outage'],
    ['invalid_request', undefined],
    ['model_not_found', undefined],
    ['max_output_tokens', undefined],
    ['unknown', undefined],
    ['constructor', undefined],
  ])('%s -> %s', (error, status) => {
    expect(failureStatus(error)).toBe(status);
  });

  it('a rate limit keeps a later reset the status line saw; an outage counts a few minutes', () => {
    const known: HealthEntry = { status: 'limited', detail: '5h', seenAt: 1, until: 50_000_000, source: 'statusline' };
    expect(entryFromFailure('rate_limit', 1000, {}, known)?.until).toBe(50_000_000);
    expect(entryFromFailure('rate_limit', 1000, {})?.until).toBe(1000 + LIMIT_MS);
    expect(entryFromFailure('server_error', 1000, {})).toMatchObject({ status: 'outage', source: 'hook' });
    expect(entryFromFailure('authentication_failed', 1000, { sessionId: 'S' })).toEqual({ status: 'rejected', detail: 'Claude Code: authentication_failed', seenAt: 1000, source: 'hook', sessionId: 'S' });
    expect(entryFromFailure('invalid_request', 1000, {})).toBeUndefined();
  });
});

describe('the next fallback', () => {
  const bad: HealthEntry = { status: 'rejected', detail: '', seenAt: 0, source: 'hook' };
  const over: HealthEntry = { status: 'limited', detail: '', seenAt: 0, until: 10, source: 'check' };
  const health: Health = { b: bad, c: over };
  const exists = (n: string) => n !== 'gone';
  it.each([
    ['the first that is not bad', ['b', 'c', 'd'], 100, [], 'c'],
    ['a limit not over yet', ['b', 'c', 'd'], 5, [], 'd'],
    ['none left', ['b'], 100, [], undefined],
    ['no chain', undefined, 100, [], undefined],
    ['a name that is gone', ['gone', 'd'], 100, [], 'd'],
    ['one already tried', ['c', 'd'], 100, ['c'], 'd'],
  ] as const)('%s', (_, chain, now, tried, expected) => {
    expect(nextFallback(chain, health, now, exists, tried)).toBe(expected);
  });
});

function plan(args: string[]): LaunchPlan {
  return { profile: 'max', kind: 'subscription', source: 'at', mode: 'claude', command: 'claude', args, set: { CCENV_ACTIVE: 'max' }, secretVariables: [], removed: [], descriptors: [], notes: [] } as unknown as LaunchPlan;
}

describe('the failure hook a launch adds', () => {
  const hook = { hooks: [{ type: 'command', command: 'HOOK' }] };
  it('in a --settings of its own, with the launch id in the environment', () => {
    const p = addFailureHook(plan(['-p', 'hi']), 'HOOK', 'L1', '/');
    expect(p.args).toEqual(['--settings', JSON.stringify({ hooks: { StopFailure: [hook] } }), '-p', 'hi']);
    expect(p.set[LAUNCH_ID_VARIABLE]).toBe('L1');
  });
  it("merged into the user's --settings, whose own hooks all stay", () => {
    const theirs = { env: { A: '1' }, hooks: { StopFailure: [{ hooks: [{ type: 'command', command: 'mine' }] }], Stop: [{ hooks: [] }] } };
    const p = addFailureHook(plan(['-p', 'hi', '--settings', JSON.stringify(theirs), '--', '--settings']), 'HOOK', 'L1', '/');
    expect(p.args.slice(2)).toEqual(['-p', 'hi', '--', '--settings']);
    expect(JSON.parse(p.args[1]!)).toEqual({ env: { A: '1' }, hooks: { StopFailure: [theirs.hooks.StopFailure[0], hook], Stop: [{ hooks: [] }] } });
  });
  it.each([[['mcp', 'list']], [['--version']], [['auth', 'status']]])('not for %j, which starts no session', (args) => {
    expect(addFailureHook(plan(args), 'HOOK', 'L1', '/')).toEqual(plan(args));
  });
  it('the command keeps what it saw in the launch file, then records it; words quoted for sh', () => {
    expect(failureHookCommand('/s/sessions/L.jsonl', '/usr/bin/node', null)).toBe('mkdir -p /s/sessions && cat >> /s/sessions/L.jsonl');
    expect(failureHookCommand("/my state/it's/L.jsonl", '/opt/n ode', '/nowhere/ccenv.cjs')).toBe(
      "mkdir -p '/my state/it'\\''s' && tee -a '/my state/it'\\''s/L.jsonl' | '/opt/n ode' /nowhere/ccenv.cjs health-hook",
    );
  });
});

describe('how to go on after a failed session', () => {
  const entry: HealthEntry = { status: 'rejected', detail: 'Claude Code: authentication_failed', seenAt: 0, source: 'hook', sessionId: 'S1', transcript: '/h/.claude/projects/-w/S1.jsonl' };
  const profiles: Record<string, Profile> = {
    max: { kind: 'subscription', fallback: ['max2', 'api'] },
    max2: { kind: 'subscription', configDir: '/acc/max2' },
    api: { kind: 'api-key' },
    lone: { kind: 'api-key' },
  };
  const base = { entry, profiles: (n: string) => profiles[n], env: { HOME: '/h' }, now: 0 };

  it('the first fallback that works, and what resuming there needs: its own Claude directory gets a copy', () => {
    expect(goOn({ ...base, profile: 'max', chain: ['max2', 'api'], health: {} })).toEqual({
      said: 'max was rejected (Claude Code: authentication_failed)',
      fallback: { name: 'max2' },
      sessionId: 'S1',
      copy: { from: '/h/.claude/projects/-w/S1.jsonl', to: '/acc/max2/projects/-w' },
      commands: ['mkdir -p /acc/max2/projects/-w && cp -n /h/.claude/projects/-w/S1.jsonl /acc/max2/projects/-w/', 'ccenv run @max2 -- --resume S1'],
    });
  });
  it('the same directory: no copy; another kind: the billing', () => {
    expect(goOn({ ...base, profile: 'max', chain: ['max2', 'api'], health: { max2: entry } })).toEqual({
      said: 'max was rejected (Claude Code: authentication_failed)',
      fallback: { name: 'api', billing: 'API billing' },
      sessionId: 'S1',
      commands: ['ccenv run @api -- --resume S1'],
    });
  });
  it("the chain given, not the profile's own: a fallback launched goes on only along the chain of the profile named", () => {
    expect(goOn({ ...base, profile: 'max', chain: ['api'], health: {} }).fallback).toEqual({ name: 'api', billing: 'API billing' });
    expect(goOn({ ...base, profile: 'max', chain: [], health: {} }).fallback).toBeUndefined();
  });
  it('no fallback: how to resume under the same profile', () => {
    expect(goOn({ ...base, profile: 'lone', chain: [], health: {} })).toEqual({ said: 'lone was rejected (Claude Code: authentication_failed)', sessionId: 'S1', commands: ['ccenv run @lone -- --resume S1'] });
  });
});
