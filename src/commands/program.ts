import { Command, CommanderError } from 'commander';
import type { Context } from '../context.js';
import { USAGE_EXIT } from '../errors.js';
import * as add from './add.js';
import * as allow from './allow.js';
import * as check from './check.js';
import * as completion from './completion.js';
import * as deny from './deny.js';
import * as doctor from './doctor.js';
import * as edit from './edit.js';
import * as env from './env.js';
import * as exec from './exec.js';
import * as exportVerb from './export.js';
import * as importVerb from './import.js';
import * as healthHook from './health-hook.js';
import * as hook from './hook.js';
import * as ide from './ide.js';
import * as init from './init.js';
import * as list from './list.js';
import * as login from './login.js';
import * as logout from './logout.js';
import * as remove from './remove.js';
import * as rename from './rename.js';
import * as run from './run.js';
import * as show from './show.js';
import * as status from './status.js';
import * as statusline from './statusline.js';
import * as sync from './sync.js';
import * as use from './use.js';

/** Each verb's module registers its command; adding a verb is adding a file and a line here. */
const VERBS: readonly { register(program: Command, ctx: Context): void }[] = [
  run, exec, env, use, status, check, list, show, add, edit, remove, rename, allow, deny, doctor, login, logout, init, hook, completion, statusline, ide, sync,
  exportVerb, importVerb, healthHook,
];

const OVERVIEW = `
Launch:
  ccenv [@PROFILE] [CLAUDE ARGS...]   launch claude with one profile (cc ... with the shell hook)
  ccenv -- list                       send a reserved word to claude
  ccenv help, -h, --help              this help (ccenv help VERB: that verb's)
  ccenv version, --version            ccenv's version and the claude it would launch

A first word that looks like a typo of a command (ccenv staus), names a profile without
its @ (ccenv gw -p hi), or a bare @NAME after the first word stops with "did you mean":
claude is not started. ccenv -- WORDS sends every word to claude as it is.

Which profile a launch uses: @NAME, else $CCENV_PROFILE (cc use), else the nearest allowed
.ccprofile, else the default (use --global), else the built-in subscription profile.
While it is known to fail, a launch starts its first --fallback that is not, and says so;
--no-fallback (before or after @PROFILE) starts it anyway, --check asks its endpoint first.

Secrets live in the OS keychain (service "ccenv"). Without one, choose the encrypted file:
  export CCENV_BACKEND=file   (passphrase asked, or from CCENV_FILE_PASSPHRASE)
Profiles (no secrets): $CCENV_CONFIG_DIR, $XDG_CONFIG_HOME/ccenv or ~/.config/ccenv.`;

export function buildProgram(ctx: Context): Command {
  const program = new Command('ccenv')
    .description('Launch Claude Code with exactly one credential profile, secrets in the OS keychain.')
    .option('--version', "print ccenv's version and which claude it would launch")
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.out(text),
      writeErr: (text) => ctx.io.err(text),
      outputError: (text, write) => write(text.replace(/^error: /, 'ccenv: ')),
    })
    .addHelpText('after', OVERVIEW);
  for (const verb of VERBS) verb.register(program, ctx);
  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/** Runs a reserved verb and returns the exit code. */
export async function runVerb(ctx: Context, argv: string[]): Promise<number> {
  if (argv.length === 1 && argv[0] === '--version') {
    await status.versionReport(ctx);
    return ctx.exitCode ?? 0;
  }
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return error.exitCode === 0 ? 0 : USAGE_EXIT;
    }
    throw error;
  }
}
