import { ansiCQuote } from './ansi-c.js';
import { checkVariable, type Shell } from './types.js';

export const bash: Shell = {
  name: 'bash',
  escape: ansiCQuote,
  exportVariable: (variable, value) => `export ${checkVariable(variable)}=${ansiCQuote(value)}`,
  assign: (variable, value) => `${checkVariable(variable)}=${ansiCQuote(value)}`,
  unsetVariable: (variable) => `unset ${checkVariable(variable)}`,
  hookFile: 'ccenv.bash',
  install: { line: 'eval "$(ccenv hook bash)"', file: '~/.bashrc' },
};
