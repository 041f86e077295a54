/**
 * Completion scripts for bash, zsh and fish, generated from a model of the command line
 * (verbs, their flags, what their first argument is) so that they never drift from it.
 * Profile names come from `ccenv completion --profiles` at the moment of completing.
 * `ccenv` completes its verbs; `cc` (and a name given with --name) completes what claude
 * takes, `@PROFILE`, and `use`/`allow`/`deny`, the verbs that stay ccenv's there.
 */
/** Options whose value is a profile's name: completed with the names, as @NAME is. */
const PROFILE_FLAGS: readonly string[] = ['--fallback'];

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
  /** What `cc` completes: claude's own words, and the verbs that stay ccenv's there. */
  claude: { subcommands: readonly string[]; options: readonly string[] };
  ccVerbs: readonly string[];
}

const words = (list: string[]) => list.join(' ');
const single = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const fishSingle = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
const ccLike = (commands: string[]) => commands.filter((c) => c !== 'ccenv');
const withArgument = (model: CompletionModel, kind: ArgumentKind) => model.verbs.filter((v) => v.argument === kind).map((v) => v.name);

export function bashCompletion(model: CompletionModel, commands: string[]): string {
  const flagCases = model.verbs
    .filter((v) => v.flags.length > 0)
    .map((v) => `    ${v.name}) flags=${single(words(v.flags))} ;;`)
    .join('\n');
  return `# ccenv completion for bash: eval "$(ccenv completion bash)" in ~/.bashrc
# Profile names that start with $2, each after $1; compared as text, never expanded.
# ccenv by the hook's absolute paths when the hook is loaded, else by name.
_ccenv_complete_profiles() {
  local name
  COMPREPLY=()
  if declare -F _ccenv_command >/dev/null; then _ccenv_command; else _ccenv_cmd=(ccenv); fi
  while IFS= read -r name; do
    if [[ "$name" == "$2"* ]]; then COMPREPLY+=("$1$name"); fi
  done < <(command "\${_ccenv_cmd[@]}" completion --profiles 2>/dev/null)
}
# COMPREPLY from compgen's lines, one word each (bash 3.2, macOS's /bin/bash, has no mapfile).
_ccenv_reply() {
  local word
  COMPREPLY=()
  while IFS= read -r word; do COMPREPLY+=("$word"); done < <(compgen "$@")
}
_ccenv_complete() {
  local cur=\${COMP_WORDS[COMP_CWORD]} verb=\${COMP_WORDS[1]-} flags=''
  COMPREPLY=()
  if [[ "$cur" == @* ]]; then
    _ccenv_complete_profiles @ "\${cur#@}"
    return 0
  fi
  if (( COMP_CWORD > 2 )); then
    case \${COMP_WORDS[COMP_CWORD-1]} in
      ${PROFILE_FLAGS.join(' | ')}) _ccenv_complete_profiles '' "$cur"; return 0 ;;
    esac
  fi
  if (( COMP_CWORD == 1 )); then
    _ccenv_reply -W ${single(words([...model.verbs.map((v) => v.name), '--help', '--version']))} -- "$cur"
    return 0
  fi
  case $verb in
${flagCases}
  esac
  if [[ "$cur" == -* ]]; then
    _ccenv_reply -W "$flags" -- "$cur"
    return 0
  fi
  (( COMP_CWORD == 2 )) || return 0
  case $verb in
    ${withArgument(model, 'profile').join(' | ') || '_none_'})
      _ccenv_complete_profiles '' "$cur" ;;
    ${withArgument(model, 'shell').join(' | ') || '_none_'})
      _ccenv_reply -W ${single(words(model.shells))} -- "$cur" ;;
    ${withArgument(model, 'path').join(' | ') || '_none_'})
      _ccenv_reply -f -- "$cur" ;;
  esac
  return 0
}
${ccLike(commands).length === 0 ? '' : `_ccenv_complete_cc() {
  local cur=\${COMP_WORDS[COMP_CWORD]} first=\${COMP_WORDS[1]-}
  COMPREPLY=()
  if (( COMP_CWORD > 1 )); then
    case $first in
      ${model.ccVerbs.join(' | ')}) _ccenv_complete; return 0 ;;
    esac
  fi
  if (( COMP_CWORD == 1 )) && [[ "$cur" == @* ]]; then
    _ccenv_complete_profiles @ "\${cur#@}"
  elif [[ "$cur" == -* ]]; then
    _ccenv_reply -W ${single(words([...model.claude.options]))} -- "$cur"
  elif (( COMP_CWORD == 1 )); then
    _ccenv_reply -W ${single(words([...model.claude.subcommands, ...model.ccVerbs]))} -- "$cur"
  elif (( COMP_CWORD == 2 )) && [[ "$first" == @* ]]; then
    _ccenv_reply -W ${single(words([...model.claude.subcommands]))} -- "$cur"
  fi
  return 0
}
complete -o default -F _ccenv_complete_cc ${words(ccLike(commands))}
`}${commands.includes('ccenv') ? 'complete -o default -F _ccenv_complete ccenv\n' : ''}`;
}

export function zshCompletion(model: CompletionModel, commands: string[]): string {
  const flagCases = model.verbs
    .filter((v) => v.flags.length > 0)
    .map((v) => `    ${v.name}) flags=(${words(v.flags)}) ;;`)
    .join('\n');
  const verbs = model.verbs.map((v) => single(`${v.name}:${v.description.replace(/:/g, '\\:')}`)).join(' \\\n    ');
  return `# ccenv completion for zsh: eval "$(ccenv completion zsh)" in ~/.zshrc, after compinit
# Profile names, one a line; ccenv by the hook's absolute paths when the hook is loaded.
_ccenv_profiles() {
  if (( $+functions[_ccenv_command] )); then _ccenv_command; else typeset -ga _ccenv_cmd=(ccenv); fi
  command $_ccenv_cmd completion --profiles 2>/dev/null
}
_ccenv() {
  local cur=\${words[CURRENT]} verb=\${words[2]-}
  local -a verbs flags names
  if [[ $cur == @* ]]; then
    names=(\${(f)"$(_ccenv_profiles)"})
    compadd -P @ -- $names
    return
  fi
  if (( CURRENT > 3 )) && [[ \${words[CURRENT-1]} == (${PROFILE_FLAGS.join('|')}) ]]; then
    names=(\${(f)"$(_ccenv_profiles)"})
    compadd -- $names
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
      names=(\${(f)"$(_ccenv_profiles)"})
      compadd -- $names ;;
    ${withArgument(model, 'shell').join(' | ') || '_none_'}) compadd -- ${words(model.shells)} ;;
    ${withArgument(model, 'path').join(' | ') || '_none_'}) _files ;;
  esac
}
_ccenv_cc() {
  local cur=\${words[CURRENT]} first=\${words[2]-}
  local -a names
  if (( CURRENT > 2 )); then
    case $first in
      ${model.ccVerbs.join(' | ')}) _ccenv; return ;;
    esac
  fi
  if (( CURRENT == 2 )) && [[ $cur == @* ]]; then
    names=(\${(f)"$(_ccenv_profiles)"})
    compadd -P @ -- $names
  elif [[ $cur == -* ]]; then
    compadd -- ${words([...model.claude.options])}
  elif (( CURRENT == 2 )); then
    compadd -- ${words([...model.claude.subcommands, ...model.ccVerbs])}
  elif (( CURRENT == 3 )) && [[ $first == @* ]]; then
    compadd -- ${words([...model.claude.subcommands])}
  fi
}
if (( $+functions[compdef] )); then
${commands.includes('ccenv') ? '  compdef _ccenv ccenv\n' : ''}${ccLike(commands).length > 0 ? `  compdef _ccenv_cc ${words(ccLike(commands))}\n` : ''}fi
`;
}

export function fishCompletion(model: CompletionModel, commands: string[]): string {
  const lines = [
    '# ccenv completion for fish: ccenv completion fish | source   (or save it in ~/.config/fish/completions/ccenv.fish)',
    '# Profile names, one a line; ccenv by the hook\'s absolute paths when the hook is loaded.',
    'function _ccenv_profiles',
    '    if functions -q _ccenv_command; _ccenv_command; else; set -g _ccenv_cmd ccenv; end',
    '    command $_ccenv_cmd completion --profiles 2>/dev/null',
    'end',
  ];
  const verbNames = words(model.verbs.map((v) => v.name));
  for (const command of ccLike(commands)) {
    const c = `complete -c ${command}`;
    const ours = `'__fish_seen_subcommand_from ${words([...model.ccVerbs])}'`;
    lines.push(`${c} -n '__fish_use_subcommand; and string match -q -- "@*" (commandline -ct)' -f -a '(_ccenv_profiles | string replace -r "^" "@")'`);
    lines.push(`${c} -n __fish_use_subcommand -f -a ${fishSingle(words([...model.claude.subcommands]))} -d 'claude'`);
    lines.push(`${c} -n 'not ${ours.slice(1, -1)}' ${model.claude.options.map((o) => `-l ${o.replace(/^--/, '')}`).join(' ')}`);
    for (const verb of model.verbs.filter((v) => model.ccVerbs.includes(v.name))) {
      lines.push(`${c} -n __fish_use_subcommand -f -a ${verb.name} -d ${fishSingle(verb.description)}`);
      const seen = `'__fish_seen_subcommand_from ${verb.name}'`;
      for (const flag of verb.flags) lines.push(`${c} -n ${seen} -l ${flag.replace(/^--/, '')}${PROFILE_FLAGS.includes(flag) ? " -x -a '(_ccenv_profiles)'" : ''}`);
      if (verb.argument === 'profile') lines.push(`${c} -n ${seen} -f -a '(_ccenv_profiles)'`);
    }
  }
  for (const command of commands.filter((c) => c === 'ccenv')) {
    const c = `complete -c ${command}`;
    lines.push(`${c} -n '__fish_use_subcommand; and string match -q -- "@*" (commandline -ct)' -f -a '(_ccenv_profiles | string replace -r "^" "@")'`);
    for (const verb of model.verbs) {
      lines.push(`${c} -n __fish_use_subcommand -f -a ${verb.name} -d ${fishSingle(verb.description)}`);
      const seen = `'__fish_seen_subcommand_from ${verb.name}'`;
      for (const flag of verb.flags) lines.push(`${c} -n ${seen} -l ${flag.replace(/^--/, '')}${PROFILE_FLAGS.includes(flag) ? " -x -a '(_ccenv_profiles)'" : ''}`);
      if (verb.argument === 'profile') lines.push(`${c} -n ${seen} -f -a '(_ccenv_profiles)'`);
      if (verb.argument === '@profile') lines.push(`${c} -n ${seen} -f -a '(_ccenv_profiles | string replace -r "^" "@")'`);
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
