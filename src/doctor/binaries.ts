/** Which `claude` binaries are on PATH, which one a launch runs, their versions. */
import { realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { claudesOnPath, claudeVersion, leadsToCcenv, selfPaths } from '../claude/binary.js';
import { tilde, type Check, type Finding } from './finding.js';

/** ccenv's own node_modules (its pinned devDependency claude lives there), from the running bin/ccenv.cjs. */
function ownModules(argv1: string | undefined = process.argv[1]): string | undefined {
  if (!argv1) return undefined;
  try {
    return join(dirname(dirname(realpathSync(argv1))), 'node_modules') + sep;
  } catch {
    return undefined;
  }
}

export const binaries: Check = {
  name: 'claude binaries',
  async run(input) {
    const selves = selfPaths();
    const all = [...claudesOnPath(input.env, input.cwd)];
    // ccenv itself, or a wrapper that runs it, is passed over by a launch: not a claude.
    const modules = ownModules();
    // By where PATH finds it: a link the user made elsewhere to that copy is their choice.
    const isOwn = (c: { path: string }) => modules !== undefined && c.path.startsWith(modules);
    // npx and npm run put ccenv's own node_modules/.bin on PATH, and with it the claude ccenv pins for its tests.
    const own = all.filter((c) => isOwn(c) && !leadsToCcenv(c.path, selves));
    const notes: Finding[] = own.map((c) => ({
      id: 'claude.ccenv-dev-copy',
      severity: 'warning',
      what: `${tilde(c.path, input.home)} is ccenv's own pinned claude, on PATH because ccenv runs under npx or npm run: it is not your claude`,
      why: 'a launch through npx ccenv would start it; an installed ccenv (npm install -g, npm link) does not see it',
      fix: 'run an installed ccenv (npm install -g . or npm link, then ccenv doctor), or pin your claude: ccenv edit NAME --claude PATH',
    }));
    const theirs = all.filter((c) => !isOwn(c) && !leadsToCcenv(c.path, selves));
    // With no other, the pinned copy is the claude a launch here starts (findClaude takes it), as ccenv --version says.
    const found = theirs.length > 0 ? theirs : own;
    if (found.length === 0) {
      const pinned = input.profiles.length > 0 && input.profiles.every(([, p]) => p.claude);
      // Only what leads back to ccenv is passed over, each with the reason a launch passes it over.
      const passed = all.flatMap((c) => {
        const why = leadsToCcenv(c.path, selves);
        return why ? [`${tilde(c.path, input.home)}, ${why.replace(/^is /, '')}`] : [];
      });
      return [
        ...notes,
        {
          id: 'claude.none',
          severity: pinned ? 'ok' : 'error',
          what: `no claude on PATH${passed.length > 0 ? ` (passed over: ${passed.join('; ')})` : ''}`,
          ...(pinned
            ? {}
            : {
                why: 'ccenv has no claude to launch',
                fix: 'install Claude Code (npm install -g @anthropic-ai/claude-code, or its native installer), or pin one: ccenv edit NAME --claude PATH',
              }),
        },
      ];
    }
    const versions = await Promise.all(found.map((c) => claudeVersion(c.path)));
    const shown = found.map((c, i) => {
      const real = c.realPath !== c.path ? ` -> ${tilde(c.realPath, input.home)}` : '';
      return `${tilde(c.path, input.home)}${real} (${versions[i] ?? 'version unknown'})`;
    });
    if (found.length === 1) return [...notes, { id: 'claude.one', severity: 'ok', what: `claude: ${shown[0]}` }];
    return [
      ...notes,
      {
        id: 'claude.several',
        severity: 'warning',
        what: `${found.length} claude binaries on PATH; the first wins: ${shown.join('; ')}`,
        where: { file: found[0]!.path },
        why: 'an update may reach one and not the one you start; two installs can also fight over the same login',
        fix: `remove the ones you do not use (${found
          .slice(1)
          .map((c) => tilde(c.path, input.home))
          .join(', ')}), or pin one per profile: ccenv edit NAME --claude ${tilde(found[0]!.path, input.home)}`,
      },
    ];
  },
};
