/** Command lines bash should complete, and the script that asks bash for them: the same in every bash tested. */

/** [the line typed, what the completion offers] in a shellWorld (profiles subscription, work, home). */
export const BASH_COMPLETIONS: readonly (readonly [string, string])[] = [
  ['cc us', 'use'],
  ['cc use w', 'work'],
  ['ccenv use ', 'subscription work home'],
  ['ccenv @h', '@home'],
  ['cc use --g', '--global'],
  ['ccenv hook z', 'zsh'],
  ['ccx mc', 'mcp'],
  ['ccenv ren', 'rename'],
  ['ccenv add ', ''],
  ['ccenv edit work --fallback h', 'home'],
  ['ccenv add x --kind api-key --fallback ', 'subscription work home'],
];

/** A bash -c script: the completion loaded (`cc` also as ccx), `line` completed, the offer printed as `[WORDS]`. */
export function bashCompletionScript(line: string): string {
  const words = line.split(' ');
  return `eval "$(ccenv completion bash --name ccx)"
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
${words[0] === 'ccenv' ? '_ccenv_complete' : '_ccenv_complete_cc'}; echo "[\${COMPREPLY[*]}]"`;
}
