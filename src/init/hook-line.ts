import { basename } from 'node:path';

/** The line that installs the shell hook, for the user's $SHELL; all three when it is none of them. */
export function hookLines(shell: string | undefined): { shell: string; file: string; line: string }[] {
  const all = [
    { shell: 'bash', file: '~/.bashrc', line: 'eval "$(ccenv hook bash)"' },
    { shell: 'zsh', file: '~/.zshrc', line: 'eval "$(ccenv hook zsh)"' },
    { shell: 'fish', file: '~/.config/fish/config.fish', line: 'ccenv hook fish | source' },
  ];
  const name = shell ? basename(shell) : '';
  const mine = all.filter((h) => h.shell === name);
  return mine.length > 0 ? mine : all;
}
