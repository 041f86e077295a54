import { homedir } from 'node:os';
import type { Context } from '../context.js';
import { CcenvError } from '../errors.js';
import { checkProfileName } from '../profiles/names.js';
import { requireProfile } from '../profiles/lookup.js';
import { emptyConfig, readConfig, type ConfigData } from '../profiles/store.js';
import type { DoctorInput } from './finding.js';

/** What the checks look at, from the command's context: the config, the profiles to check, the clock. */
export async function doctorInput(ctx: Context, only?: string): Promise<DoctorInput> {
  let config: ConfigData = emptyConfig();
  let configError: string | undefined;
  try {
    config = await readConfig(ctx.env);
  } catch (error) {
    if (!(error instanceof CcenvError)) throw error;
    configError = error.message;
  }
  if (only !== undefined) checkProfileName(only);
  const profiles: DoctorInput['profiles'] =
    only !== undefined ? [[only, requireProfile(config, only)]] : Object.entries(config.profiles);
  let opened: Promise<import('../secrets/store.js').SecretStore> | undefined;
  return {
    env: ctx.env,
    cwd: ctx.cwd,
    home: ctx.env.HOME || homedir(),
    now: Date.now(),
    config,
    ...(configError ? { configError } : {}),
    profiles,
    ...(only !== undefined ? { only } : {}),
    // Opened once for all checks (the file backend derives its key with scrypt).
    secrets: () => (opened ??= ctx.secrets(config)),
    context: ctx,
  };
}
