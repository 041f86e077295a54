import { describe, expect, it } from 'vitest';
import { asksForBackground, readsProcessWrapper } from '../../src/claude/process-wrapper.js';
import type { SettingsFile } from '../../src/claude/settings.js';
import { serviceMismatch } from '../../src/launch/background.js';
import type { LaunchPlan } from '../../src/launch/plan.js';
import { settingsWrapper } from '../../src/launch/users-wrapper.js';
import { wrapperVariables } from '../../src/launch/wrapper-variables.js';

describe('asksForBackground', () => {
  it.each([
    [['--bg', 'task'], true],
    [['-p', 'x', '--background'], true],
    [['--bg=1'], true],
    [['-p', '--bg'], true],
    [['--', '--bg'], false],
    [['-p', 'run --bg later'], false],
    [['agents'], false],
    [[], false],
  ])('%j -> %s', (args, expected) => expect(asksForBackground(args)).toBe(expected));
});

describe('readsProcessWrapper', () => {
  it.each([
    ['2.1.332 (Claude Code)', true],
    ['2.1.208 (Claude Code)', true],
    ['2.1.207 (Claude Code)', false],
    ['2.0.999', false],
    ['3.0.0', true],
    ['1.9.400', false],
    ['not a version', undefined],
  ])('%s -> %s', (line, expected) => expect(readsProcessWrapper(line)).toBe(expected));
});

const SETUP = { path: '/opt/ccenv/bin/ccenv-wrap', configDir: '/home/u/.config/ccenv' };

describe('wrapperVariables', () => {
  it.each([
    [{}, undefined],
    [{ CLAUDE_CODE_PROCESS_WRAPPER: '/opt/corp/launch' }, '/opt/corp/launch'],
    // a launch from inside a wrapped process: the inner one carries over, ccenv's is not nested
    [{ CLAUDE_CODE_PROCESS_WRAPPER: SETUP.path, CCENV_WRAP_INNER: '/opt/corp/launch' }, '/opt/corp/launch'],
    [{ CLAUDE_CODE_PROCESS_WRAPPER: SETUP.path }, undefined],
    [{ CLAUDE_CODE_PROCESS_WRAPPER: '' }, undefined],
  ])('caller %j -> inner %s', (caller, inner) => {
    const set = wrapperVariables(SETUP, caller);
    expect(set.CLAUDE_CODE_PROCESS_WRAPPER).toBe(SETUP.path);
    expect(set.CCENV_WRAP_CONFIG).toBe(SETUP.configDir);
    expect(set.CCENV_WRAP_INNER).toBe(inner);
  });
});

function layer(name: SettingsFile['layer'], data: Record<string, unknown>): SettingsFile {
  return { layer: name, path: `/${name}.json`, exists: true, data, keys: {}, env: {} };
}

describe('settingsWrapper', () => {
  it.each([
    [[layer('user', { processWrapper: '/u' })], '/u'],
    [[layer('managed', { processWrapper: '/m' }), layer('user', { processWrapper: '/u' })], '/m'],
    // a project's own settings do not choose a launcher (Claude Code ignores it there)
    [[layer('project', { processWrapper: '/p' }), layer('local', { processWrapper: '/l' })], undefined],
    [[layer('user', { processWrapper: '' })], undefined],
    [[layer('user', { processWrapper: 3 })], undefined],
  ])('%#', (layers, expected) => expect(settingsWrapper(layers)).toBe(expected));
});

describe('serviceMismatch', () => {
  const plan = { profile: 'work', set: { CLAUDE_CODE_PROCESS_WRAPPER: SETUP.path, CCENV_WRAP_CONFIG: SETUP.configDir } } as unknown as LaunchPlan;
  const ours = { CCENV_ACTIVE: 'work', CLAUDE_CODE_PROCESS_WRAPPER: SETUP.path, CCENV_WRAP_CONFIG: SETUP.configDir };
  it.each([
    [ours, undefined],
    [{ ...ours, CCENV_ACTIVE: 'home' }, 'runs under profile home'],
    [{ ...ours, CCENV_WRAP_CONFIG: '/elsewhere' }, 'runs under profile work of /elsewhere'],
    [{ PATH: '/bin' }, 'was not started through ccenv'],
    [{ ...ours, CLAUDE_CODE_PROCESS_WRAPPER: '/opt/corp/launch' }, 'was not started through ccenv'],
  ])('%j -> %s', (env, expected) => {
    const why = serviceMismatch({ pid: 1, env }, plan);
    if (expected === undefined) expect(why).toBeUndefined();
    else expect(why).toContain(expected);
  });
  it('cannot tell without the environment, and does not refuse then', () => {
    expect(serviceMismatch({ pid: 1 }, plan)).toBeUndefined();
  });
});
