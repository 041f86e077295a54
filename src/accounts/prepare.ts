/**
 * The one call a launch makes for an own-login profile, before the spawn: the directory
 * exists (0700), its links to the main Claude directory are in place, and the main user
 * MCP servers are in its `.claude.json`. It never stops the launch: what it cannot do
 * becomes a note, and `ccenv doctor` says more.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY_ITEM, mainClaudeDir } from '../claude/account-files.js';
import type { Env } from '../paths.js';
import type { Profile } from '../profiles/types.js';
import { syncLinks } from './links.js';
import { syncMcpServers } from './mcp.js';

export async function prepareAccount(env: Env, name: string, profile: Profile, options: { force?: boolean } = {}): Promise<string[]> {
  if (!profile.ownLogin || !profile.configDir) return [];
  const dir = profile.configDir;
  const notes: string[] = [];
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return [`cannot make the config directory of ${name} (${dir}): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`];
  }
  const main = mainClaudeDir(env);
  if (profile.sharedHistory) {
    // Shared history needs a place in the main directory before the first session writes one here.
    try {
      mkdirSync(join(main, HISTORY_ITEM), { recursive: true, mode: 0o700 });
    } catch {
      // the link waits for it; doctor says why
    }
  }
  const links = syncLinks({ dir, main, sharedHistory: profile.sharedHistory === true });
  if (links.errors.length > 0) notes.push(`${name}: could not link ${links.errors.join(', ')} to your main Claude directory`);
  if (links.left.length > 0) {
    notes.push(`${name}: ${links.left.map((s) => s.item).join(', ')} in ${dir} ${links.left.length === 1 ? 'is' : 'are'} not linked to your main Claude directory: ccenv doctor @${name} says how to fix it`);
  }
  try {
    const note = await syncMcpServers(env, dir, options);
    if (note) notes.push(`${name}: ${note}`);
  } catch (error) {
    notes.push(`${name}: user MCP servers not merged: ${error instanceof Error ? error.message : String(error)}`);
  }
  return notes;
}
