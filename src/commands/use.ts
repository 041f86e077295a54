import { rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { CcenvError, usageError } from '../errors.js';
import { replaceFile } from '../fs/replace.js';
import { hookLines, installedHook } from '../init/hook-line.js';
import { CCPROFILE, displayPath, findCcprofile, resolveCcprofile } from '../profiles/directory.js';
import { didYouMeanProfile, findProfile, isBuiltin, requireProfile } from '../profiles/lookup.js';
import { readConfig, updateConfig } from '../profiles/store.js';
import { FUNCTION_NAME_RE, shellByName } from '../shells/index.js';
import { allowFile, trustLocation } from '../trust/records.js';
import { tilde } from '../terminal.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('use')
    .argument('[name]', 'the profile')
    .description('choose a profile: for this shell (needs the hook), --local for this directory, --global as the default')
    .option('--global', 'make it the default for every launch without a closer choice')
    .option('--local', 'write ./.ccprofile naming it, and allow that file')
    .option('--unset', 'drop the choice (with --global: the default; with --local: remove ./.ccprofile)')
    .addOption(new Option('--shell <shell>', 'internal: called by the cc function; print code for this shell').hideHelp())
    .addOption(new Option('--as <function>', "internal: the cc function's name, for messages").hideHelp())
    .addHelpText(
      'after',
      `
Examples:
  cc use work-bedrock          # this shell only (the cc function from: eval "$(ccenv hook bash)")
  cc use                       # what this shell uses
  cc use --unset
  ccenv use --local work-api   # this directory and below
  ccenv use --global max       # the default everywhere
  ccenv use --global           # which is the default (--local: what ./.ccprofile or the nearest one names)`,
    )
    .action((name: string | undefined, options: UseOptions) => use(ctx, name, options));
}

export interface UseOptions {
  global?: boolean;
  local?: boolean;
  unset?: boolean;
  /** Set by the hook's cc function: stdout is evaluated by that shell. */
  shell?: string;
  /** The name of that function (cc unless the hook was printed with --name). */
  as?: string;
}

export async function use(ctx: Context, name: string | undefined, options: UseOptions): Promise<void> {
  if (options.global && options.local) throw usageError('use takes --global or --local, not both');
  if ((options.global || options.local) && name === undefined && !options.unset) return showChoice(ctx, options.global ? 'global' : 'local');
  if (options.global) return useGlobal(ctx, name, options);
  if (options.local) return useLocal(ctx, name, options);
  if (options.shell === undefined) throw hookNeeded(ctx);
  return useInShell(ctx, name, options);
}

/** `ccenv use NAME` run directly: a child process cannot change the shell that started it. */
function hookNeeded(ctx: Context): CcenvError {
  const home = ctx.env.HOME || homedir();
  const installed = installedHook(ctx.env, home, ctx.env.SHELL);
  const other = ' (or pick a profile for one launch: ccenv @NAME; for a directory: ccenv use --local NAME)';
  if (installed) {
    return new CcenvError('use NAME changes the current shell, which only the cc function from the shell hook can do', {
      hint: `the hook is installed in ${tilde(installed.file, home)}:${installed.line}: run cc use NAME (cc, not ccenv; in a shell opened before that line, open a new terminal first)${other}`,
    });
  }
  const hook = hookLines(ctx.env.SHELL ?? '/bin/bash')[0]!;
  return new CcenvError('use NAME changes the current shell, which only the cc function from the shell hook can do', {
    hint: `add this line to ${hook.file}, open a new terminal, then run cc use NAME: ${hook.line}${hook.note ? ` (${hook.note})` : ''}${other}`,
  });
}

async function useInShell(ctx: Context, name: string | undefined, options: UseOptions): Promise<void> {
  const shell = shellByName(options.shell);
  const variable = 'CCENV_PROFILE';
  const self = options.as && FUNCTION_NAME_RE.test(options.as) ? options.as : 'cc';
  if (options.unset) {
    if (name !== undefined) throw usageError('use --unset takes no name');
    ctx.io.out(`${shell.unsetVariable(variable)}\n`);
    ctx.io.err('ccenv: this shell no longer picks a profile; launches follow the directory or the default\n');
    return;
  }
  if (name === undefined) {
    const current = ctx.env[variable];
    ctx.io.err(current ? `ccenv: this shell uses ${current} (${self} use --unset to drop it)\n` : `ccenv: this shell picks no profile (${self} use NAME to pick one)\n`);
    return;
  }
  const config = await readConfig(ctx.env);
  requireProfile(config, name);
  ctx.io.out(`${shell.exportVariable(variable, name)}\n`);
  ctx.io.err(`ccenv: ${name} in this shell${isBuiltin(config, name) ? ' (built in)' : ''}; ${self} use --unset to drop it\n`);
}

async function useLocal(ctx: Context, name: string | undefined, options: UseOptions): Promise<void> {
  const path = join(ctx.cwd, CCPROFILE);
  const shown = displayPath(ctx.env, path);
  if (options.unset) {
    if (name !== undefined) throw usageError('use --local --unset takes no name');
    rmSync(path, { force: true });
    ctx.io.err(`ccenv: removed ${shown}\n`);
    return;
  }
  if (name === undefined) throw usageError('use --local needs a profile name');
  requireProfile(await readConfig(ctx.env), name);
  const content = Buffer.from(`${name}\n`);
  replaceFile(path, content, { mode: 0o644 });
  // Allows what was written, not what is there a moment later (another user may swap the file in a shared directory).
  allowFile(ctx.env, { location: trustLocation(path), content });
  ctx.io.err(`ccenv: ${shown} names ${name}, allowed\n`);
  const chosen = ctx.env.CCENV_PROFILE;
  if (chosen && chosen !== name) ctx.io.err(`ccenv: this shell uses ${chosen}, which beats the directory (cc use --unset)\n`);
}

async function useGlobal(ctx: Context, name: string | undefined, options: UseOptions): Promise<void> {
  if (options.unset) {
    if (name !== undefined) throw usageError('use --global --unset takes no name');
    await updateConfig(ctx.env, (config) => {
      delete config.default;
    });
    ctx.io.err('ccenv: no default profile; launches use the built-in subscription profile\n');
    return;
  }
  if (name === undefined) throw usageError('use --global needs a profile name');
  const config = await readConfig(ctx.env);
  requireProfile(config, name);
  await updateConfig(ctx.env, (current) => {
    requireProfile(current, name);
    current.default = name;
  });
  ctx.io.err(`ccenv: default profile is now ${name}${isBuiltin(config, name) ? ' (built in)' : ''}\n`);
}

/** `use --global` or `use --local` without a name: what is chosen there now. */
async function showChoice(ctx: Context, where: 'global' | 'local'): Promise<void> {
  const config = await readConfig(ctx.env);
  if (where === 'global') {
    const name = config.default;
    if (name === undefined) {
      ctx.io.err('ccenv: no default profile: launches without a closer choice use the built-in subscription profile (ccenv use --global NAME sets one)\n');
      return;
    }
    if (!findProfile(config, name)) {
      const mean = didYouMeanProfile(config, name);
      throw new CcenvError(`the default profile is ${name}, which is not a profile${mean ? `; ${mean}` : ''}`, {
        hint: 'choose another: ccenv use --global NAME (or ccenv use --global --unset)',
      });
    }
    ctx.io.err(`ccenv: the default profile is ${name} (ccenv use --global NAME changes it, ccenv use --global --unset drops it)\n`);
    return;
  }
  const path = findCcprofile(ctx.env, ctx.cwd);
  if (path === undefined) {
    ctx.io.err(`ccenv: no ${CCPROFILE} in ${displayPath(ctx.env, ctx.cwd)} or above it (ccenv use --local NAME writes one here)\n`);
    return;
  }
  const choice = await resolveCcprofile(ctx.env, path, config);
  if ('denied' in choice) {
    ctx.io.err(`ccenv: ${choice.note}\n`);
    return;
  }
  ctx.io.err(`ccenv: ${displayPath(ctx.env, path)} names ${choice.name}, allowed\n`);
  const chosen = ctx.env.CCENV_PROFILE;
  if (chosen && chosen !== choice.name) ctx.io.err(`ccenv: this shell uses ${chosen}, which beats the directory (cc use --unset)\n`);
}
