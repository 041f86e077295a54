import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings, type SettingsFile, type SettingsLayer } from '../../src/claude/settings.js';
import { ENV_FORMATS, formatPlan, quoteDotenv, quoteSh } from '../../src/launch/format.js';
import { fishQuote } from '../../src/shells/fish.js';
import { buildPlan } from '../../src/launch/plan.js';
import { applySettingsOverrides, findUserSettings } from '../../src/launch/settings-override.js';
import type { Profile } from '../../src/profiles/types.js';
import { scratchDir } from '../helpers/scratch.js';

const dir = scratchDir('ccenv-settings');

function layer(kind: SettingsLayer, env: Record<string, string>): Promise<SettingsFile> {
  return parseSettings(kind, `/x/${kind}.json`, JSON.stringify({ env }, null, 1));
}

function plan(profile: Profile, secret?: string, args: string[] = ['-p', 'hi']) {
  return buildPlan({ resolved: { name: 'p', profile, source: { from: 'argument' } }, caller: {}, secret, mode: 'claude', command: 'claude', args });
}

function settingsArg(args: string[]): Record<string, unknown> {
  const i = args.indexOf('--settings');
  expect(i).toBeGreaterThanOrEqual(0);
  return JSON.parse(args[i + 1]!) as Record<string, unknown>;
}

describe("a project's env block that would send claude's requests elsewhere, or trust anyone", () => {
  const profile: Profile = { kind: 'api-key' };
  const traffic = { HTTPS_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9', ALL_PROXY: 'socks5://x', NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_EXTRA_CA_CERTS: '/repo/ca.pem' };

  it.each<[SettingsLayer]>([['project'], ['local']])("%s settings: set back to the launch's own values, or emptied", async (kind) => {
    const inherited = { HTTPS_PROXY: 'http://corp.example:3128' };
    const out = applySettingsOverrides(plan(profile, 'k'), profile, [await layer(kind, { ...traffic, HTTP_TIMEOUT: '5' })], undefined, '', inherited);
    expect(settingsArg(out.args)).toEqual({
      env: { HTTPS_PROXY: 'http://corp.example:3128', https_proxy: '', ALL_PROXY: '', NODE_TLS_REJECT_UNAUTHORIZED: '', NODE_EXTRA_CA_CERTS: '' },
    });
    expect(out.notes).toEqual([expect.stringContaining(`HTTPS_PROXY (/x/${kind}.json:3)`)]);
  });

  it("the user's own settings keep theirs: a company proxy there is the user's choice", async () => {
    const p = plan(profile, 'k');
    expect(applySettingsOverrides(p, profile, [await layer('user', traffic)], undefined, '', {})).toBe(p);
  });

  it("with the user's own proxy in their settings: set back to that, not emptied", async () => {
    const layers = [await layer('project', { HTTPS_PROXY: 'http://127.0.0.1:9' }), await layer('user', { HTTPS_PROXY: 'http://corp.example:3128' })];
    const out = applySettingsOverrides(plan(profile, 'k'), profile, layers, undefined, '', { HTTPS_PROXY: 'http://shell.example:8080' });
    expect(settingsArg(out.args)).toEqual({ env: { HTTPS_PROXY: 'http://corp.example:3128' } });
  });

  it('managed settings that set it win anyway: no override', async () => {
    const p = plan(profile, 'k');
    const layers = [await layer('managed', { HTTPS_PROXY: 'http://managed.example:3128' }), await layer('project', { HTTPS_PROXY: 'http://127.0.0.1:9' })];
    expect(applySettingsOverrides(p, profile, layers, undefined, '', {})).toBe(p);
  });

  it("a value to set back that holds a password: the launch stops rather than put it on claude's command line", async () => {
    const layers = [await layer('project', { HTTPS_PROXY: 'http://127.0.0.1:9' })];
    const run = () => applySettingsOverrides(plan(profile, 'k'), profile, layers, undefined, '', { HTTPS_PROXY: 'http://alice:s3cretpw@corp.example:3128' });
    expect(run).toThrow(/\/x\/project\.json:3 sets HTTPS_PROXY/);
    try {
      run();
    } catch (error) {
      expect(String((error as Error).message) + String((error as { hint?: string }).hint)).not.toContain('s3cretpw');
    }
  });

  it('a value the launch has already: nothing to override', async () => {
    const p = plan(profile, 'k');
    expect(applySettingsOverrides(p, profile, [await layer('project', { HTTPS_PROXY: 'http://corp.example:3128' })], undefined, '', { HTTPS_PROXY: 'http://corp.example:3128' })).toBe(p);
  });
});

describe('settings env blocks that fight the profile', () => {
  it('overrides a user settings API key for a subscription profile with an empty value', async () => {
    const profile: Profile = { kind: 'subscription' };
    const out = applySettingsOverrides(plan(profile), profile, [await layer('user', { ANTHROPIC_API_KEY: 'other', FOO: 'bar' })], undefined);
    expect(out.args.slice(2)).toEqual(['-p', 'hi']);
    expect(settingsArg(out.args)).toEqual({ env: { ANTHROPIC_API_KEY: '' } });
    expect(out.notes).toEqual([expect.stringContaining('ANTHROPIC_API_KEY (/x/user.json:3)')]);
  });

  it("sets back the profile's own non-secret values and leaves model preferences alone", async () => {
    const profile: Profile = { kind: 'bedrock', region: 'us-east-1', awsProfile: 'corp' };
    const layers = [await layer('project', { AWS_REGION: 'eu-west-1', AWS_PROFILE: 'other', ANTHROPIC_MODEL: 'x', CLAUDE_CODE_USE_VERTEX: '1' })];
    const out = applySettingsOverrides(plan(profile), profile, layers, undefined);
    expect(settingsArg(out.args)).toEqual({ env: { AWS_REGION: 'us-east-1', AWS_PROFILE: 'corp', CLAUDE_CODE_USE_VERTEX: '' } });
  });

  it('changes nothing when the settings agree or set only other things', async () => {
    const profile: Profile = { kind: 'api-key', baseUrl: 'https://a.example' };
    const p = plan(profile, 'k');
    const layers = [await layer('user', { ANTHROPIC_BASE_URL: 'https://a.example', DISABLE_TELEMETRY: '1', AWS_PROFILE: 'x' })];
    expect(applySettingsOverrides(p, profile, layers, undefined)).toBe(p);
  });

  it('stops when managed settings set a credential', async () => {
    const profile: Profile = { kind: 'subscription' };
    const managed = await layer('managed', { ANTHROPIC_API_KEY: 'corp' });
    expect(() => applySettingsOverrides(plan(profile), profile, [managed], undefined)).toThrow(/managed settings \/x\/managed.json:3 set ANTHROPIC_API_KEY/);
  });

  it('refuses to put an environment secret on the command line', async () => {
    const profile: Profile = { kind: 'foundry', resource: 'r', hasSecret: true };
    const layers = [await layer('user', { ANTHROPIC_FOUNDRY_API_KEY: 'other' })];
    let message = '';
    try {
      applySettingsOverrides(plan(profile, 'the-foundry-key'), profile, layers, undefined);
    } catch (error) {
      message = String(error) + String((error as { hint?: string }).hint);
    }
    expect(message).toMatch(/sets ANTHROPIC_FOUNDRY_API_KEY/);
    expect(message).not.toContain('the-foundry-key');
  });

  it("merges with the user's --settings, JSON or file, wherever it was", async () => {
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify({ model: 'opus', env: { KEEP: '1', ANTHROPIC_AUTH_TOKEN: 'mine' } }));
    const profile: Profile = { kind: 'subscription' };
    for (const args of [['-p', 'hi', '--settings', file], ['-p', 'hi', `--settings=${file}`]]) {
      const p = plan(profile, undefined, args);
      const out = applySettingsOverrides(p, profile, [await layer('user', { ANTHROPIC_API_KEY: 'x' })], findUserSettings(args, dir));
      expect(out.args.filter((a) => a.startsWith('--settings')).length).toBe(1);
      expect(out.args.slice(2)).toEqual(['-p', 'hi']);
      expect(settingsArg(out.args)).toEqual({ model: 'opus', env: { KEEP: '1', ANTHROPIC_AUTH_TOKEN: '', ANTHROPIC_API_KEY: '' } });
    }
    const inline = ['--settings', '{"env":{"ANTHROPIC_BASE_URL":"https://x"}}', 'mcp', 'list'];
    const out = applySettingsOverrides(plan(profile, undefined, inline), profile, [], findUserSettings(inline, dir));
    expect(out.args).toEqual(['--settings', '{"env":{"ANTHROPIC_BASE_URL":""}}', 'mcp', 'list']);
  });

  it('neutralises settings keys that supply a credential, each with the value claude takes as unset', async () => {
    const profile: Profile = { kind: 'api-key', hasSecret: true };
    const text = JSON.stringify({ apiKeyHelper: '/bin/helper', awsCredentialExport: 'x', awsAuthRefresh: 'y', gcpAuthRefresh: 'z', forceLoginMethod: 'console' }, null, 1);
    const out = applySettingsOverrides(plan(profile, 'k'), profile, [await parseSettings('user', '/x/user.json', text)], undefined);
    expect(settingsArg(out.args)).toEqual({ apiKeyHelper: '', awsCredentialExport: '', awsAuthRefresh: '', gcpAuthRefresh: '' });
    expect(out.notes).toEqual([expect.stringContaining('apiKeyHelper (/x/user.json:2), awsCredentialExport (/x/user.json:3)')]);
    // Merged with an env override and with the user's own --settings, in one argument.
    const args = ['--settings', '{"apiKeyHelper":"mine","model":"opus"}', '-p', 'hi'];
    const both = applySettingsOverrides(plan(profile, 'k', args), profile, [await parseSettings('project', '/x/p.json', '{"env":{"ANTHROPIC_AUTH_TOKEN":"t"}}')], findUserSettings(args, dir));
    expect(both.args.slice(2)).toEqual(['-p', 'hi']);
    expect(settingsArg(both.args)).toEqual({ apiKeyHelper: '', model: 'opus', env: { ANTHROPIC_AUTH_TOKEN: '' } });
    expect(both.notes.at(-1)).toMatch(/ANTHROPIC_AUTH_TOKEN \(\/x\/p.json:1\), apiKeyHelper \(--settings\)/);
  });

  it('leaves an empty helper alone, and stops when managed settings name one', async () => {
    const profile: Profile = { kind: 'subscription' };
    const p = plan(profile);
    expect(applySettingsOverrides(p, profile, [await parseSettings('user', '/x/u.json', '{"apiKeyHelper":""}')], undefined)).toBe(p);
    const managed = await parseSettings('managed', '/x/m.json', '{\n "awsCredentialExport": "corp"\n}');
    expect(() => applySettingsOverrides(p, profile, [managed], undefined)).toThrow(/managed settings \/x\/m.json:2 set awsCredentialExport/);
  });

  it('reads nothing after --', () => {
    expect(findUserSettings(['--', '--settings', '/nonexistent'], dir)).toBeUndefined();
    expect(() => findUserSettings(['--settings', '/nonexistent/x.json'], dir)).toThrow(/cannot read the --settings file/);
  });
});

/** Reads back one fish word made of '...' runs and \\xHH / \\XHH bytes. */
function unfish(word: string): string {
  const bytes: number[] = [];
  for (const m of word.matchAll(/'((?:[^'\\]|\\.)*)'|\\[xX]([0-9a-fA-F]{2})/g)) {
    if (m[1] !== undefined) bytes.push(...Buffer.from(m[1].replace(/\\(.)/g, '$1'), 'latin1'));
    else bytes.push(parseInt(m[2]!, 16));
  }
  return Buffer.from(bytes).toString('utf8');
}

describe('env output', () => {
  const hostile = [`it's`, 'a\nb', '$(touch /tmp/x)', '`id`', '\\', '"q"', 'ünï'];
  it.each(hostile)('quotes %j as inert text', (value) => {
    expect(quoteSh(value)).toMatch(/^'.*'$/s);
    expect(quoteSh(value).slice(1, -1).split(`'\\''`).join(`'`)).toBe(value);
    expect(unfish(fishQuote(value))).toBe(value);
    expect(quoteDotenv(value).slice(1, -1).replace(/\\([\\"$`])/g, '$1')).toBe(value);
  });

  it('masks secrets in every format unless revealed', () => {
    const env = buildPlan({
      resolved: { name: 'p', profile: { kind: 'foundry', resource: 'r' }, source: { from: 'default' } },
      caller: { ANTHROPIC_API_KEY: 'x' }, secret: 'foundry-secret-value', mode: 'claude', command: 'claude', args: [],
    });
    const fd = plan({ kind: 'api-key' }, 'api-secret-value');
    for (const format of ENV_FORMATS) {
      for (const p of [env, fd]) {
        const text = formatPlan(p, format, false);
        expect(text).not.toContain('secret-value');
        expect(formatPlan(p, format, true)).toContain(p === env ? 'foundry-secret-value' : 'api-secret-value');
      }
    }
    expect(formatPlan(env, 'sh', false)).toContain('unset ANTHROPIC_API_KEY\n');
    expect(formatPlan(env, 'fish', true)).toContain("set -gx ANTHROPIC_FOUNDRY_API_KEY 'foundry-secret-value'\n");
    expect(formatPlan(fd, 'sh', false)).toContain("export CLAUDE_CODE_API_KEY_FILE_DESCRIPTOR='3'\n");
  });
});
