/**
 * Completion scripts for bash, zsh and fish, generated from a model of the command line
 * (verbs, their flags, what their first argument is) so that they never drift from it.
 * Profile names come from `ccenv completion --profiles` at the moment of completing.
 */
export type ArgumentKind = 'profile' | '@profile' | 'shell' | 'path' | 'none';

export interface VerbModel {
  name: string;
  description: string;
  flags: string[];
  argument: ArgumentKind;
}

export interface CompletionModel {
  verbs: VerbModel[];
  shells: string[];
}

const words = (list: string[]) => list.join(' ');
const single = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const fishSingle = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
const withArgument = (model: CompletionModel, kind: ArgumentKind) => model.verbs.filter((v) => v.argument === kind).map((v) => v.name);

export function bashCompletion(model: CompletionModel, commands: string[]): string {
  const flagCases = model.verbs
    .filter((v) => v.flags.length > 0)
    .map((v) => `    ${v.name}) flags=${single(words(v.flags))} ;;`)
    .join('\n');
  return `# ccenv completion for bash: eval "$(ccenv completion bash)" in ~/.bashrc
# Profile names that start with $2, each after $1; compared as text, never expanded.
_ccenv_complete_profiles() {
  local name
  COMPREPLY=()
  while IFS= read -r name; do
    if [[ "$name" == "$2"* ]]; then COMPREPLY+=("$1$name"); fi
  done < <(command ccenv completion --profiles 2>/dev/null)
}
_ccenv_complete() {
  local cur=\${COMP_WORDS[COMP_CWORD]} verb=\${COMP_WORDS[1]-} flags=''
  COMPREPLY=()
  if [[ "$cur" == @* ]]; then
    _ccenv_complete_profiles @ "\${cur#@}"
    return 0
  fi
  if (( COMP_CWORD == 1 )); then
    mapfile -t COMPREPLY < <(compgen -W ${single(words([...model.verbs.map((v) => v.name), '--help', '--version']))} -- "$cur")
    return 0
  fi
  case $verb in
${flagCases}
  esac
  if [[ "$cur" == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$flags" -- "$cur")
    return 0
  fi
  (( COMP_CWORD == 2 )) || return 0
  case $verb in
    ${withArgument(model, 'profile').join(' | ') || '_none_'})
      _ccenv_complete_profiles '' "$cur" ;;
    ${withArgument(model, 'shell').join(' | ') || '_none_'})
      mapfile -t COMPREPLY < <(compgen -W ${single(words(model.shells))} -- "$cur") ;;
    ${withArgument(model, 'path').join(' | ') || '_none_'})
      mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
  esac
  return 0
}
complete -o default -F _ccenv_complete ${words(commands)}
`;
}

export function zshCompletion(model: CompletionModel, commands: string[]): string {
  const flagCases = model.verbs
    .filter((v) => v.flags.length > 0)
    .map((v) => `    ${v.name}) flags=(${words(v.flags)}) ;;`)
    .join('\n');
  const verbs = model.verbs.map((v) => single(`${v.name}:${v.description.replace(/:/g, '\\:')}`)).join(' \\\n    ');
  return `# ccenv completion for zsh: eval "$(ccenv completion zsh)" in ~/.zshrc, after compinit
_ccenv() {
  local cur=\${words[CURRENT]} verb=\${words[2]-}
  local -a verbs flags names
  if [[ $cur == @* ]]; then
    names=(\${(f)"$(command ccenv completion --profiles 2>/dev/null)"})
    compadd -P @ -- $names
    return
  fi
  if (( CURRENT == 2 )); then
    verbs=(
    ${verbs}
    )
    _describe -t verbs 'ccenv verb' verbs
    return
  fi
  case $verb in
${flagCases}
  esac
  if [[ $cur == -* ]]; then
    compadd -- $flags
    return
  fi
  (( CURRENT == 3 )) || return
  case $verb in
    ${withArgument(model, 'profile').join(' | ') || '_none_'})
      names=(\${(f)"$(command ccenv completion --profiles 2>/dev/null)"})
      compadd -- $names ;;
    ${withArgument(model, 'shell').join(' | ') || '_none_'}) compadd -- ${words(model.shells)} ;;
    ${withArgument(model, 'path').join(' | ') || '_none_'}) _files ;;
  esac
}
if (( $+functions[compdef] )); then
  compdef _ccenv ${words(commands)}
fi
`;
}

export function fishCompletion(model: CompletionModel, commands: string[]): string {
  const lines = ['# ccenv completion for fish: ccenv completion fish | source   (or save it in ~/.config/fish/completions/ccenv.fish)'];
  const verbNames = words(model.verbs.map((v) => v.name));
  for (const command of commands) {
    const c = `complete -c ${command}`;
    lines.push(`${c} -n '__fish_use_subcommand; and string match -q -- "@*" (commandline -ct)' -f -a '(command ccenv completion --profiles 2>/dev/null | string replace -r "^" "@")'`);
    for (const verb of model.verbs) {
      lines.push(`${c} -n __fish_use_subcommand -f -a ${verb.name} -d ${fishSingle(verb.description)}`);
      const seen = `'__fish_seen_subcommand_from ${verb.name}'`;
      for (const flag of verb.flags) lines.push(`${c} -n ${seen} -l ${flag.replace(/^--/, '')}`);
      if (verb.argument === 'profile') lines.push(`${c} -n ${seen} -f -a '(command ccenv completion --profiles 2>/dev/null)'`);
      if (verb.argument === '@profile') lines.push(`${c} -n ${seen} -f -a '(command ccenv completion --profiles 2>/dev/null | string replace -r "^" "@")'`);
      if (verb.argument === 'shell') lines.push(`${c} -n ${seen} -f -a ${fishSingle(words(model.shells))}`);
    }
    lines.push(`# verbs: ${verbNames}`);
  }
  return `${lines.join('\n')}\n`;
}

export const COMPLETIONS: Record<string, (model: CompletionModel, commands: string[]) => string> = {
  bash: bashCompletion,
  zsh: zshCompletion,
  fish: fishCompletion,
};
