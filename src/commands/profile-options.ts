import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import { FIELD_SPECS, type ProfileInput } from '../profiles/fields.js';
import { parseEnvAssignments } from '../profiles/validate.js';

/** The flags shared by `add` and `edit`: one per profile field, --env, --secret-stdin. */
export function addProfileOptions(command: Command): Command {
  for (const field of FIELD_SPECS) {
    if (field.repeatable) command.option(field.flag, field.help, (v: string, all: string[] = []) => [...all, v]);
    else command.option(field.flag, field.help);
  }
  command.option('--env <KEY=VALUE>', 'a non-secret variable for claude (repeatable)', (v: string, all: string[] = []) => [...all, v]);
  command.option('--secret-stdin', "read the profile's secret from standard input (never from an argument)");
  // Flags people try for a secret: accepted by the parser only to be refused with the way out.
  for (const [flag, key] of SECRET_ARGUMENT_FLAGS) command.addOption(new Option(`${flag} [value]`).hideHelp().argParser(() => key));
  // The words of --secret-command -- PROG ARGS... arrive as operands: see takeSecretCommand.
  return command.allowExcessArguments(true);
}

/**
 * `--secret-command -- PROG ARGS...`: the operands after the profile's name become the
 * command's argv (options.secretCommand). Without the flag, an extra operand is refused.
 */
export function takeSecretCommand(options: Record<string, unknown>, extra: readonly string[]): void {
  if (options.secretCommand === true) options.secretCommand = [...extra];
  else if (extra.length > 0) throw usageError(`unexpected argument ${JSON.stringify(extra[0])}`, 'a program that prints the secret: --secret-command -- PROG ARGS...');
}

const SECRET_ARGUMENT_FLAGS: readonly (readonly [string, string])[] = [
  ['--secret', 'secret'],
  ['--api-key', 'apiKey'],
  ['--token', 'token'],
  ['--key', 'key'],
  ['--auth-token', 'authToken'],
  ['--secret-access-key', 'secretAccessKey'],
];

/**
 * Refuses a secret given as an argument. The value never reaches a message (the parser
 * keeps only the flag's name), and the user learns where it went: their shell history.
 */
export function refuseSecretArgument(options: Record<string, unknown>, command: string): void {
  const used = SECRET_ARGUMENT_FLAGS.find(([, key]) => options[key] !== undefined);
  if (!used) return;
  throw usageError(
    `${used[0]}: a secret is never taken as an argument (arguments are visible to every process and kept in your shell history); nothing was stored`,
    [
      `give it on standard input: printf %s "$SECRET" | ${command} --secret-stdin`,
      '(at a terminal, ccenv asks for it with hidden input instead)',
      'typed at a prompt, the value is now in your shell history: remove that line',
      '(bash: history -d N; zsh: edit ~/.zsh_history; fish: history delete), and rotate the secret if it is a real one',
    ].join('\n  '),
  );
}

/** The profile fields given on the command line. */
export function profileInput(options: Record<string, unknown>): ProfileInput {
  const input: ProfileInput = {};
  for (const field of FIELD_SPECS) {
    const value = options[field.key];
    if (value !== undefined) (input as Record<string, unknown>)[field.key] = value;
  }
  if (Array.isArray(options.env)) input.env = parseEnvAssignments(options.env as string[]);
  return input;
}

/**
 * `--claude PATH` made absolute (a launch runs from any directory) and checked now, not at
 * the first launch. Loaded only when given: the check lives with the claude lookup.
 */
export async function checkClaudeOption(input: ProfileInput, cwd: string): Promise<void> {
  if (input.claude === undefined) return;
  const { isExecutableFile } = await import('../claude/binary.js');
  const path = resolve(cwd, input.claude);
  if (!isExecutableFile(path)) {
    throw usageError(`--claude: ${path} is not an executable file`, 'give the path of a claude binary (see: which -a claude), or leave --claude out to use the claude on PATH');
  }
  input.claude = path;
}

/** Removes keys whose value is undefined (config.json holds no nulls). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
