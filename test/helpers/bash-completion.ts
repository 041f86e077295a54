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

/**
 * After `source shell/ccenv.bash`: the completion is a loader until the first Tab, which
 * loads the real one and completes at once. The lines to run, and what they print.
 */
export const LAZY_COMPLETION = {
  lines: [
    'complete -p cc ccenv',
    'COMP_WORDS=(cc mc); COMP_CWORD=1; _ccenv_complete_lazy cc mc cc; echo "[${COMPREPLY[*]}]"',
    'COMP_WORDS=(ccenv ren); COMP_CWORD=1; _ccenv_complete_lazy ccenv ren ccenv; echo "[${COMPREPLY[*]}]"',
    'complete -p cc ccenv',
  ],
  printed: [
    'complete -o default -F _ccenv_complete_lazy cc',
    'complete -o default -F _ccenv_complete_lazy ccenv',
    '[mcp]',
    '[rename]',
    'complete -o default -F _ccenv_complete_cc cc',
    'complete -o default -F _ccenv_complete ccenv',
  ],
} as const;
