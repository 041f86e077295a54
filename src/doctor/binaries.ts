/** Which `claude` binaries are on PATH, which one a launch runs, their versions. */
import { claudesOnPath, claudeVersion, leadsToCcenv, selfPaths } from '../claude/binary.js';
import { tilde, type Check } from './finding.js';

export const binaries: Check = {
  name: 'claude binaries',
  async run(input) {
    const selves = selfPaths();
    const all = [...claudesOnPath(input.env, input.cwd)];
    // ccenv itself, or a wrapper that runs it, is passed over by a launch: not a claude.
    const found = all.filter((c) => !leadsToCcenv(c.path, selves));
    if (found.length === 0) {
      const pinned = input.profiles.length > 0 && input.profiles.every(([, p]) => p.claude);
      return [
        {
          id: 'claude.none',
          severity: pinned ? 'ok' : 'error',
          what: `no claude on PATH${all.length > 0 ? ` (passed over: ${all.map((c) => tilde(c.path, input.home)).join(', ')}, which run ccenv)` : ''}`,
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
    if (found.length === 1) return [{ id: 'claude.one', severity: 'ok', what: `claude: ${shown[0]}` }];
    return [
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
