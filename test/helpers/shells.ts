/** Which real shells and tools this machine has, for guarding real-shell tests. */
import { spawnSync } from 'node:child_process';

export function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export const HOW_TO_GET = 'apt-get install -y zsh fish tmux strace shellcheck direnv (bash .ci/run does)';
