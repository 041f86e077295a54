import type { Command } from 'commander';
import { FIELD_SPECS, type ProfileInput } from '../profiles/fields.js';
import { parseEnvAssignments } from '../profiles/validate.js';

/** The flags shared by `add` and `edit`: one per profile field, --env, --secret-stdin. */
export function addProfileOptions(command: Command): Command {
  for (const field of FIELD_SPECS) command.option(field.flag, field.help);
  command.option('--env <KEY=VALUE>', 'a non-secret variable for claude (repeatable)', (v: string, all: string[] = []) => [...all, v]);
  command.option('--secret-stdin', "read the profile's secret from standard input (never from an argument)");
  return command;
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

/** Removes keys whose value is undefined (config.json holds no nulls). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
