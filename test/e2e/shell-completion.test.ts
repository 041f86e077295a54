/** Completions in real shells: verbs, flags, shells and profile names read at completion time. */
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASH_COMPLETIONS, bashCompletionScript } from '../helpers/bash-completion.js';
import { requirement } from '../helpers/requirements.js';
import { shellWorld, type World } from '../helpers/shell-world.js';
import { has, HOW_TO_GET } from '../helpers/shells.js';

let world: World;
beforeEach(() => {
  world = shellWorld();
});
afterEach(() => world.cleanup());

const run = async (command: string, args: string[]) =>
  String((await execa(command, args, { extendEnv: false, env: world.env, cwd: world.home, reject: false })).stdout).trim().split('\n');

describe('bash completion', () => {
  if (!requirement('bash', has('bash'), HOW_TO_GET)) return;
  it.each(BASH_COMPLETIONS)('%j completes to %j', async (line, expected) => {
    const script = `${bashCompletionScript(line)}
complete -p cc ccenv ccx`;
    const out = await run('bash', ['--norc', '--noprofile', '-c', script]);
    expect(out[0]).toBe(`[${expected}]`);
    expect(out.slice(1)).toEqual(['complete -o default -F _ccenv_complete_cc cc', 'complete -o default -F _ccenv_complete ccenv', 'complete -o default -F _ccenv_complete_cc ccx']);
  });
});

describe('fish completion', () => {
  if (!requirement('fish', has('fish'), HOW_TO_GET)) return;
  it('completes verbs, flags, shells and profile names for ccenv, and use for cc', async () => {
    const script = `ccenv hook fish | source; ccenv completion fish | source
for line in 'ccenv us' 'cc use w' 'ccenv @h' 'ccenv use --gl' 'ccenv hook f' 'ccenv edit work --fallback h'
  echo "[$line] "(complete -C $line | string split -f1 \\t | string join ' ')
end`;
    expect(await run('fish', ['--no-config', '-i', '-c', script])).toEqual([
      '[ccenv us] use',
      '[cc use w] work',
      '[ccenv @h] @home',
      '[ccenv use --gl] --global',
      '[ccenv hook f] fish',
      '[ccenv edit work --fallback h] home',
    ]);
  });
});

describe('zsh completion', () => {
  if (!requirement('zsh', has('zsh'), HOW_TO_GET)) return;
  it('parses, and registers _ccenv for ccenv and _ccenv_cc for cc with compinit', async () => {
    const script = `autoload -Uz compinit; compinit -u -d $HOME/.zcompdump; eval "$(ccenv completion zsh)"; print -r -- "$_comps[ccenv] $_comps[cc]"`;
    expect(await run('zsh', ['-f', '-c', script])).toEqual(['_ccenv _ccenv_cc']);
    const parsed = await execa('zsh', ['-n', '-c', String((await execa('node', [`${world.home}/.bin/ccenv`, 'completion', 'zsh'], { env: world.env, extendEnv: false })).stdout)], { reject: false });
    expect(parsed.exitCode).toBe(0);
  });

  it('offers verbs, flags, shells and profile names (compadd stood in for, to see them)', async () => {
    const script = `eval "$(ccenv completion zsh)"
compadd() { print -r -- "compadd $*"; }
_describe() { print -r -- "describe \${#\${(P)4}} \${(P)4[(r)use:*]}"; }
_files() { print files; }
t() { words=("$@"); CURRENT=$#; _ccenv; }
t ccenv us; t ccenv use w; t ccenv @w; t ccenv use --g; t ccenv hook z; t ccenv allow x; t ccenv edit work --fallback h`;
    const out = await run('zsh', ['-f', '-c', script]);
    expect(out[0]).toMatch(/^describe \d+ use:choose a profile/);
    expect(out.slice(1)).toEqual([
      'compadd -- subscription work home',
      'compadd -P @ -- subscription work home',
      'compadd -- --global --local --unset --help',
      'compadd -- bash zsh fish',
      'files',
      'compadd -- subscription work home',
    ]);
  });
});

describe('the bash completion passes shellcheck', () => {
  if (!requirement('shellcheck', has('shellcheck'), HOW_TO_GET)) return;
  it('ccenv completion bash | shellcheck -', async () => {
    const script = String((await execa('node', [`${world.home}/.bin/ccenv`, 'completion', 'bash'], { env: world.env, extendEnv: false })).stdout);
    const result = await execa('shellcheck', ['-s', 'bash', '-'], { input: script, reject: false });
    expect([result.exitCode, result.stdout]).toEqual([0, '']);
  });
});
