import { NAMED_VARIABLES } from '../../src/claude/variables.js';
/** The pure parts of doctor and init: start-up file lines, trailing commas, half-set providers, masking, AWS files. */
import { describe, expect, it } from 'vitest';
import { assignmentsInLine, sourcedPath } from '../../src/doctor/rc-scan.js';
import { halfSetProviders, isClaudeVariable } from '../../src/doctor/variables.js';
import { showValue } from '../../src/doctor/mask.js';
import { awsProfileNames, parseAwsIni } from '../../src/aws-files.js';
import { judgeAuth } from '../../src/doctor/auth-status.js';
import type { LaunchPlan } from '../../src/launch/plan.js';
import { proposalsFrom } from '../../src/init/detect.js';
import { hookLines } from '../../src/init/hook-line.js';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

describe('assignments in a start-up file line', () => {
  it.each([
    ['export ANTHROPIC_API_KEY=sk-1', false, [['ANTHROPIC_API_KEY', 'sk-1']]],
    ['  export ANTHROPIC_API_KEY="sk 1"', false, [['ANTHROPIC_API_KEY', 'sk 1']]],
    ["ANTHROPIC_BASE_URL='https://x'", false, [['ANTHROPIC_BASE_URL', 'https://x']]],
    ['export A=1 B=2', false, [['A', '1'], ['B', '2']]],
    ['declare -x CLAUDE_CODE_USE_BEDROCK=1', false, [['CLAUDE_CODE_USE_BEDROCK', '1']]],
    ['typeset -gx CLAUDE_CODE_USE_VERTEX=1', false, [['CLAUDE_CODE_USE_VERTEX', '1']]],
    ['# export ANTHROPIC_API_KEY=sk-1', false, []],
    ['echo ANTHROPIC_API_KEY=sk-1', false, []],
    ['export ANTHROPIC_API_KEY', false, []],
    ['setenv ANTHROPIC_API_KEY sk-1', false, [['ANTHROPIC_API_KEY', 'sk-1']]],
    ['set -gx ANTHROPIC_API_KEY sk-1', true, [['ANTHROPIC_API_KEY', 'sk-1']]],
    ['set -Ux ANTHROPIC_AUTH_TOKEN "t t"', true, [['ANTHROPIC_AUTH_TOKEN', 't t']]],
    ['set --export --global AWS_REGION us-east-1', true, [['AWS_REGION', 'us-east-1']]],
    ['set -g ANTHROPIC_API_KEY sk-1', true, []],
  ])('%j (fish: %s)', (line, fish, want) => {
    expect(assignmentsInLine(line, fish).map((a) => [a.variable, a.value])).toEqual(want);
  });
});

describe('whether a line writes its value out (init may import only such a value)', () => {
  it.each([
    ['export ANTHROPIC_API_KEY=sk-ant-1', false, true],
    ['export ANTHROPIC_API_KEY="sk-ant-1"', false, true],
    ["export ANTHROPIC_API_KEY='sk-ant-\$1'", false, true],
    ['export ANTHROPIC_API_KEY=$(op read op://v/k)', false, false],
    ['export ANTHROPIC_API_KEY="$(op read op://v/k)"', false, false],
    ['export ANTHROPIC_API_KEY="$WORK_KEY"', false, false],
    ['export ANTHROPIC_API_KEY=${WORK_KEY}', false, false],
    ['export ANTHROPIC_API_KEY=`cat ~/.key`', false, false],
    ['export ANTHROPIC_API_KEY="sk-\\"x"', false, false],
    ['export ANTHROPIC_API_KEY=', false, false],
    ['set -gx ANTHROPIC_API_KEY (op read op://v/k)', true, false],
    ['set -gx ANTHROPIC_API_KEY sk-ant-1', true, true],
    ['setenv ANTHROPIC_API_KEY $KEY', false, false],
  ])('%j (fish: %s): %s', (line, fish, literal) => {
    expect(assignmentsInLine(line, fish).map((a) => a.literal)).toEqual([literal]);
  });
});

describe('files a start-up file plainly sources', () => {
  const env = {};
  it.each([
    ['source ~/.secrets', '/h/.secrets'],
    ['. "$HOME/.env.sh"', '/h/.env.sh'],
    ['[ -f ~/.x ] && source ~/.x', '/h/.x'],
    ['source /etc/profile.d/a.sh', '/etc/profile.d/a.sh'],
    ['. .aliases', '/h/.aliases'],
    ['source $DIR/x', undefined],
    ['source ~/.d/*.sh', undefined],
    ['# source ~/.secrets', undefined],
  ])('%j -> %j', (line, want) => {
    expect(sourcedPath(line, '/h', env)).toBe(want);
  });
});

describe('providers half set', () => {
  it.each([
    [{ CLAUDE_CODE_USE_BEDROCK: '1' }, [['CLAUDE_CODE_USE_BEDROCK', ['AWS_REGION']]]],
    [{ CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1' }, []],
    [{ CLAUDE_CODE_USE_BEDROCK: '0' }, []],
    [{ CLAUDE_CODE_USE_VERTEX: 'true', CLOUD_ML_REGION: 'global' }, [['CLAUDE_CODE_USE_VERTEX', ['ANTHROPIC_VERTEX_PROJECT_ID']]]],
    [{ CLAUDE_CODE_USE_FOUNDRY: '1' }, [['CLAUDE_CODE_USE_FOUNDRY', ['ANTHROPIC_FOUNDRY_RESOURCE or ANTHROPIC_FOUNDRY_BASE_URL']]]],
    [{ CLAUDE_CODE_USE_POWERSHELL_TOOL: '1' }, []],
  ])('%j', (vars, want) => {
    expect(halfSetProviders(vars).map((h) => [h.switch, h.missing])).toEqual(want);
  });

  it('looks for every variable in the one list, Foundry and AWS API tokens included, and masks their secrets', () => {
    expect(NAMED_VARIABLES.filter((name) => !isClaudeVariable(name))).toEqual([]);
    for (const name of ['ANTHROPIC_FOUNDRY_AUTH_TOKEN', 'ANTHROPIC_AWS_API_KEY', 'CLAUDE_CODE_OAUTH_REFRESH_TOKEN']) {
      expect(isClaudeVariable(name)).toBe(true);
      expect(showValue(name, 'value-0123456789abcdef')).not.toContain('0123456789abcdef');
    }
  });

  it('looks for the variables a launch scrubs, plus the Bedrock API key, not feature switches', () => {
    expect(['ANTHROPIC_API_KEY', 'CLAUDE_CODE_USE_BEDROCK', 'AWS_BEARER_TOKEN_BEDROCK', 'CLAUDE_CONFIG_DIR'].every(isClaudeVariable)).toBe(true);
    expect(['CLAUDE_CODE_USE_POWERSHELL_TOOL', 'AWS_REGION', 'PATH'].some(isClaudeVariable)).toBe(false);
  });
});

describe('values doctor shows', () => {
  it.each([
    ['ANTHROPIC_API_KEY', 'sk-ant-api03-0123456789abcdef0123456789', false],
    ['ANTHROPIC_AUTH_TOKEN', 'tok-0123456789abcdef', false],
    ['AWS_BEARER_TOKEN_BEDROCK', 'ABSK0123456789abcdef', false],
    ['ANTHROPIC_BASE_URL', 'https://gw.example.com', true],
    ['CLAUDE_CODE_USE_BEDROCK', '1', true],
  ])('%s is shown in full: %s', (name, value, inFull) => {
    expect(showValue(name, value).includes(value)).toBe(inFull);
  });
});

describe('AWS profile names', () => {
  it('reads [profile x] in config and [x] in credentials', () => {
    expect([...awsProfileNames(parseAwsIni('[default]\n[profile corp]\nregion=x\n[sso-session s]\n'), true)]).toEqual(['default', 'corp']);
    expect([...awsProfileNames(parseAwsIni('[corp]\naws_access_key_id=A\n[ other ]\n'), false)]).toEqual(['corp', 'other']);
  });
});

describe('what claude auth status should say', () => {
  const plan = (kind: string, extra: Partial<LaunchPlan> = {}) => ({ profile: 'p', kind, set: {}, descriptors: [], ...extra }) as unknown as LaunchPlan;
  const fd = [{ fd: 3, variable: 'CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR', secret: 's' }];
  it.each([
    [plan('api-key'), { loggedIn: true, authMethod: 'api_key', apiProvider: 'firstParty' }, 'auth-status.agrees'],
    [plan('api-key'), { loggedIn: true, authMethod: 'api_key_helper', apiProvider: 'firstParty', apiKeySource: 'apiKeyHelper' }, 'auth-status.disagrees'],
    [plan('bedrock'), { loggedIn: true, authMethod: 'third_party', apiProvider: 'bedrock' }, 'auth-status.agrees'],
    [plan('vertex'), { loggedIn: true, authMethod: 'third_party', apiProvider: 'bedrock' }, 'auth-status.disagrees'],
    [plan('subscription'), { loggedIn: true, authMethod: 'claude.ai', apiProvider: 'firstParty' }, 'auth-status.agrees'],
    [plan('subscription'), { loggedIn: true, authMethod: 'api_key', apiProvider: 'firstParty' }, 'auth-status.disagrees'],
    [plan('subscription'), { loggedIn: false, authMethod: 'none', apiProvider: 'firstParty' }, 'auth-status.not-logged-in'],
    [plan('subscription', { descriptors: fd }), { loggedIn: true, authMethod: 'oauth_token', apiProvider: 'firstParty' }, 'auth-status.agrees'],
  ])('%j with %j', (p, status, id) => {
    const finding = judgeAuth(p, status, false);
    expect(finding.id).toBe(id);
    if (id === 'auth-status.disagrees' && status.authMethod === 'api_key_helper') expect(finding.fix).toContain('apiKeyHelper');
  });

  it('a built-in profile without a login is no problem until used', () => {
    expect(judgeAuth(plan('subscription'), { loggedIn: false, authMethod: 'none' }, true).severity).toBe('ok');
  });
});

describe('init: what a set of variables becomes', () => {
  const propose = (vars: Record<string, string>) => proposalsFrom({ label: 'this shell', vars }, {}, '/nonexistent');
  it.each([
    [{ ANTHROPIC_API_KEY: 'sk-ant-api03-x1' }, [['api-key', { kind: 'api-key', hasSecret: true }]]],
    [{ ANTHROPIC_API_KEY: 'k1', ANTHROPIC_BASE_URL: 'https://p.example' }, [['api-key', { kind: 'api-key', baseUrl: 'https://p.example', hasSecret: true }]]],
    [{ ANTHROPIC_AUTH_TOKEN: 't1', ANTHROPIC_BASE_URL: 'https://gw.example' }, [['gateway', { kind: 'gateway', baseUrl: 'https://gw.example', hasSecret: true }]]],
    [{ CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-x' }, [['subscription-token', { kind: 'subscription', hasSecret: true }]]],
    [{ CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_PROFILE: 'corp' }, [['bedrock', { kind: 'bedrock', region: 'us-east-1', awsProfile: 'corp' }]]],
    [{ CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_BEARER_TOKEN_BEDROCK: 'b' }, [['bedrock', { kind: 'bedrock', region: 'us-east-1', bearer: true, hasSecret: true }]]],
    [{ CLAUDE_CODE_USE_MANTLE: '1', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE', AWS_SECRET_ACCESS_KEY: 's' }, [['mantle', { kind: 'mantle', region: 'us-east-1', accessKeyId: 'AKIAEXAMPLEEXAMPLE', hasSecret: true }]]],
    [{ CLAUDE_CODE_USE_VERTEX: '1', CLOUD_ML_REGION: 'us-east5', ANTHROPIC_VERTEX_PROJECT_ID: 'my-project' }, [['vertex', { kind: 'vertex', region: 'us-east5', projectId: 'my-project' }]]],
    [{ CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_RESOURCE: 'res1', ANTHROPIC_FOUNDRY_API_KEY: 'f' }, [['foundry', { kind: 'foundry', resource: 'res1', hasSecret: true }]]],
    [{ CLAUDE_CODE_USE_BEDROCK: '1' }, []],
    [{ ANTHROPIC_AUTH_TOKEN: 't1' }, []],
    [{ ANTHROPIC_MODEL: 'opus' }, []],
  ])('%j', (vars, want) => {
    expect(propose(vars).proposals.map((p) => [p.name, p.profile])).toEqual(want);
  });

  it('says why a half-set provider is not imported', () => {
    expect(propose({ CLAUDE_CODE_USE_BEDROCK: '1' }).skipped[0]?.why).toContain('--region');
  });
});

describe('the hook line for $SHELL', () => {
  it.each([
    ['/bin/zsh', [`source ${join(ROOT, 'shell', 'ccenv.zsh')}`]],
    ['/usr/local/bin/fish', [`source ${join(ROOT, 'shell', 'ccenv.fish')}`]],
    ['/bin/bash', [`source ${join(ROOT, 'shell', 'ccenv.bash')}`]],
    ['/bin/tcsh', ['bash', 'zsh', 'fish'].map((s) => `source ${join(ROOT, 'shell', `ccenv.${s}`)}`)],
  ])('%s', (shell, want) => {
    expect(hookLines(shell).map((h) => h.line)).toEqual(want);
  });
});
