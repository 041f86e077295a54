import { ansiCQuote } from './ansi-c.js';
import { checkVariable, type Shell } from './types.js';

export const zsh: Shell = {
  name: 'zsh',
  escape: ansiCQuote,
  exportVariable: (variable, value) => `export ${checkVariable(variable)}=${ansiCQuote(value)}`,
  assign: (variable, value) => `typeset -g ${checkVariable(variable)}=${ansiCQuote(value)}`,
  unsetVariable: (variable) => `unset ${checkVariable(variable)}`,
  hookFile: 'ccenv.zsh',
  install: { line: 'eval "$(ccenv hook zsh)"', file: '~/.zshrc' },
};
