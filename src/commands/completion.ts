import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { CLAUDE_OPTIONS, CLAUDE_SUBCOMMANDS } from '../claude/command-line.js';
import { usageError } from '../errors.js';
import { allProfiles } from '../profiles/lookup.js';
import { isValidProfileName } from '../profiles/names.js';
import { readConfig } from '../profiles/store.js';
import { COMPLETIONS, type ArgumentKind, type CompletionModel } from '../shells/completion.js';
import { CC_VERBS, FUNCTION_NAME_RE, shellByName, shellNames } from '../shells/index.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('completion')
    .argument('[shell]', shellNames().join(', '))
    .description('print completions (verbs, flags, profile names) for ccenv and the cc function')
    .option('--name <function>', 'complete this function name too (as given to ccenv hook --name)')
    .addOption(new Option('--profiles', 'internal: print profile names, one a line').hideHelp())
    .addHelpText(
      'after',
      `
Examples:
  eval "$(ccenv completion bash)"      # in ~/.bashrc, after the hook line
  eval "$(ccenv completion zsh)"       # in ~/.zshrc, after compinit
  ccenv completion fish > ~/.config/fish/completions/ccenv.fish`,
    )
    .action((shell: string | undefined, options: CompletionOptions) => completion(ctx, program, shell, options));
}

export interface CompletionOptions {
  name?: string;
  profiles?: boolean;
}

export async function completion(ctx: Context, program: Command, shell: string | undefined, options: CompletionOptions): Promise<void> {
  if (options.profiles) {
    const config = await readConfig(ctx.env);
    // a name written into config.json by hand may hold anything: list only valid ones
    ctx.io.out(allProfiles(config).filter(([name]) => isValidProfileName(name)).map(([name]) => `${name}\n`).join(''));
    return;
  }
  const name = shellByName(shell, 'completion').name;
  const commands = ['ccenv', 'cc'];
  if (options.name !== undefined) {
    if (!FUNCTION_NAME_RE.test(options.name)) throw usageError(`cannot complete the name ${JSON.stringify(options.name)}`, 'use the name given to ccenv hook --name');
    if (!commands.includes(options.name)) commands.push(options.name);
  }
  ctx.io.out(COMPLETIONS[name]!(completionModel(program), commands));
}

/** What the command line accepts, read from the registered verbs themselves. */
export function completionModel(program: Command): CompletionModel {
  const verbs = program.commands.flatMap((command) => {
    const first = command.registeredArguments[0]?.name() ?? '';
    // add takes a new name: nothing to complete there
    const argument: ArgumentKind = command.name() === 'add'
      ? 'none'
      : ['name', 'old', 'profile'].includes(first)
      ? 'profile'
      : first.startsWith('@')
        ? '@profile'
        : first === 'shell'
          ? 'shell'
          : first === 'path'
            ? 'path'
            : 'none';
    const flags = command.options.filter((o) => !o.hidden && o.long).map((o) => o.long!);
    flags.push('--help');
    return [command.name(), ...command.aliases()].map((name) => ({ name, description: command.description().split('\n')[0] ?? '', flags, argument }));
  });
  return { verbs, shells: shellNames(), claude: { subcommands: CLAUDE_SUBCOMMANDS, options: CLAUDE_OPTIONS }, ccVerbs: CC_VERBS };
}
