/**
 * `--check` on a launch: a live check of the profile, and when it fails, of its fallbacks
 * in order, all within one time budget; what is seen is recorded in the health file, from
 * which the launch then chooses as always. Loaded only when --check is given.
 */
import { isatty } from 'node:tty';
import type { Context } from '../context.js';
import type { ConfigData } from '../profiles/store.js';
import type { Profile } from '../profiles/types.js';
import { readProfileSecret } from '../secrets/sources/index.js';
import { checkProfiles } from './check.js';
import { healthChanges } from './record.js';
import { BAD_STATUSES, updateHealth } from './state.js';

/** The whole budget of a launch's --check. */
export const LAUNCH_CHECK_MS = 1500;
/** Below this, another request is not started. */
const MIN_REQUEST_MS = 100;

/**
 * Checks `links` in order (the resolved profile first) until one is ok or the budget is spent.
 * Each secret is read as the launch reads it (from the profile's source, else the store);
 * what was read comes back by profile, for the launch to use instead of asking again (a
 * second `op` or Keychain prompt). A read is awaited however long it takes (an unlock, a
 * passphrase typed): the budget is for the requests, and a read cut short would only make
 * the launch run the source again.
 */
export async function checkBeforeLaunch(ctx: Context, config: ConfigData, links: readonly [string, Profile][], budgetMs = LAUNCH_CHECK_MS): Promise<Map<string, string>> {
  const read = new Map<string, string>();
  const deadline = performance.now() + budgetMs;
  /** Time spent reading secrets, which the budget does not count. */
  let reading = 0;
  for (const link of links) {
    const left = Math.floor(deadline + reading - performance.now());
    if (left < MIN_REQUEST_MS) {
      ctx.io.err(`ccenv: --check: no time left to check ${link[0]}; using what was recorded\n`);
      return read;
    }
    const now = Date.now();
    const [result] = await checkProfiles([link], {
      env: ctx.env,
      timeoutMs: left,
      now,
      secretUntimed: true,
      readSecret: async (name, profile) => {
        const started = performance.now();
        try {
          const secret = await readProfileSecret(name, profile, { env: ctx.env, stdinIsTerminal: isatty(0), store: () => ctx.secrets(config) });
          if (secret) read.set(name, secret);
          return secret;
        } finally {
          reading += performance.now() - started;
        }
      },
      describeStore: async () => (await ctx.secrets(config)).description,
    });
    try {
      updateHealth(ctx.env, healthChanges([result!], now), now);
    } catch (error) {
      ctx.io.err(`ccenv: --check: could not record what was seen: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    // Only a link seen failing sends the check on to the next one.
    if (!(BAD_STATUSES as readonly string[]).includes(result!.status)) return read;
  }
  return read;
}
