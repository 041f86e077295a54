/**
 * Which start-up files doctor and init read, with a fake home and a fake /etc: those of a
 * macOS user (~/.zprofile, ~/.bash_profile, ~/.zshenv, /etc/zshrc, /etc/zprofile, /etc/bashrc)
 * and of Debian (/etc/bash.bashrc, /etc/zsh/zshrc), each system file before the user's own.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanRcFiles } from '../../src/doctor/rc-scan.js';

let root: string;
let home: string;
let etc: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccenv-rc-'));
  home = join(root, 'Users', 'ada');
  etc = join(root, 'etc');
  mkdirSync(home, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const wanted = (name: string) => name.startsWith('ANTHROPIC_') || name.startsWith('CLAUDE_CODE_');
const found = (env: Record<string, string> = {}) =>
  scanRcFiles({ HOME: home, ...env }, home, wanted, etc).assignments.map((a) => `${a.file.replace(root, '')}:${a.line} ${a.variable}=${a.value}`);

describe('start-up files of macOS users', () => {
  it('reads ~/.zprofile, ~/.bash_profile, ~/.zshenv and /etc/zshrc, /etc/zprofile, /etc/bashrc, /etc/profile, in login order', () => {
    write(join(home, '.zshrc'), '# nothing here\n');
    write(join(home, '.zprofile'), 'eval "$(/opt/homebrew/bin/brew shellenv)"\nexport ANTHROPIC_API_KEY=sk-zprofile\n');
    write(join(home, '.bash_profile'), 'export ANTHROPIC_BASE_URL="https://gw.example"\n');
    write(join(home, '.zshenv'), 'export CLAUDE_CODE_USE_BEDROCK=1\n');
    write(join(etc, 'zshrc'), '# System-wide profile for interactive zsh(1) shells.\nexport ANTHROPIC_AUTH_TOKEN=tok-etc\n');
    write(join(etc, 'zprofile'), 'if [ -x /usr/libexec/path_helper ]; then\n\teval `/usr/libexec/path_helper -s`\nfi\nexport ANTHROPIC_MODEL=opus\n');
    write(join(etc, 'bashrc'), 'export ANTHROPIC_SMALL_FAST_MODEL=haiku\n');
    write(join(etc, 'profile'), 'export CLAUDE_CODE_USE_VERTEX=1\n');
    expect(found()).toEqual([
      '/etc/profile:1 CLAUDE_CODE_USE_VERTEX=1',
      '/Users/ada/.bash_profile:1 ANTHROPIC_BASE_URL=https://gw.example',
      '/etc/bashrc:1 ANTHROPIC_SMALL_FAST_MODEL=haiku',
      '/Users/ada/.zshenv:1 CLAUDE_CODE_USE_BEDROCK=1',
      '/etc/zprofile:4 ANTHROPIC_MODEL=opus',
      '/Users/ada/.zprofile:2 ANTHROPIC_API_KEY=sk-zprofile',
      '/etc/zshrc:2 ANTHROPIC_AUTH_TOKEN=tok-etc',
    ]);
  });

  it('follows a file that /etc/zshrc sources, and ZDOTDIR for the user files', () => {
    write(join(etc, 'zshrc'), 'source ~/.anthropic\n');
    write(join(home, '.anthropic'), 'export ANTHROPIC_API_KEY=sk-sourced\n');
    write(join(home, 'zdot', '.zprofile'), 'export ANTHROPIC_AUTH_TOKEN=tok-zdot\n');
    write(join(home, '.zprofile'), 'export ANTHROPIC_API_KEY=sk-not-read\n');
    expect(found({ ZDOTDIR: join(home, 'zdot') })).toEqual([
      '/Users/ada/zdot/.zprofile:1 ANTHROPIC_AUTH_TOKEN=tok-zdot',
      '/Users/ada/.anthropic:1 ANTHROPIC_API_KEY=sk-sourced',
    ]);
  });

  it("reads Debian's /etc/bash.bashrc and /etc/zsh/zshrc too, and lists every file it read", () => {
    write(join(etc, 'bash.bashrc'), 'export ANTHROPIC_API_KEY=sk-debian\n');
    write(join(etc, 'zsh', 'zshrc'), 'export ANTHROPIC_AUTH_TOKEN=tok-debian\n');
    write(join(home, '.bashrc'), '\n');
    const scan = scanRcFiles({ HOME: home }, home, wanted, etc);
    expect(scan.files.map((f) => f.replace(root, ''))).toEqual(['/etc/bash.bashrc', '/Users/ada/.bashrc', '/etc/zsh/zshrc']);
    expect(found()).toEqual(['/etc/bash.bashrc:1 ANTHROPIC_API_KEY=sk-debian', '/etc/zsh/zshrc:1 ANTHROPIC_AUTH_TOKEN=tok-debian']);
  });
});
