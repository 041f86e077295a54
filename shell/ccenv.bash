# ccenv shell integration for bash. Install, in ~/.bashrc, either line:
#   source /path/to/ccenv/shell/ccenv.bash    # the path: ccenv hook bash --path (fastest)
#   eval "$(ccenv hook bash)"                 # runs ccenv at each shell start; takes --name
#
# In an interactive shell, defines `cc` (claude under the resolved profile: every word goes
# to claude, except `cc use`, `cc allow` and `cc deny`, which change this shell; elsewhere cc
# stays the C compiler) and a prompt hook that sets CCENV_DIR_PROFILE from the nearest
# allowed .ccprofile. A prompt in an unchanged directory runs builtins only; a cd within the
# same .ccprofile's scope too; entering a new scope runs ccenv once, which checks trust and
# prints shell code. Nothing read from a .ccprofile is ever executed here: ccenv's output is
# escaped, and the name is checked once more below.
# Safe to source twice.

# Where ccenv lives: the node that runs it and its script, by absolute path, so that a PATH
# changed later (nvm, a virtualenv) still finds both. `ccenv hook` writes them on this line;
# sourced from the package, the script is the one beside this file and node the one on PATH.
# The node on PATH is found with builtins (bash 3.2, macOS's /bin/bash, has no BASH_CMDS);
# `ccenv hook` leaves that function out.
_ccenv_find_node() { # ccenv:sourced-only {
  local dir rest=${PATH-}:
  _ccenv_node=
  while [[ -n "$rest" ]]; do
    dir=${rest%%:*}
    rest=${rest#*:}
    if [[ "$dir" == /* && -f "$dir/node" && -x "$dir/node" ]]; then
      _ccenv_node=$dir/node
      return 0
    fi
  done
  return 0
} # ccenv:sourced-only
_ccenv_script=${BASH_SOURCE[0]%/*}/../bin/ccenv.cjs; _ccenv_find_node # ccenv:paths

# Sets _ccenv_cmd to the command that runs ccenv: by absolute path while both are there,
# else by name.
_ccenv_command() {
  if [[ -x "$_ccenv_node" && -f "$_ccenv_script" ]]; then
    _ccenv_cmd=("$_ccenv_node" "$_ccenv_script")
  else
    _ccenv_cmd=(ccenv)
  fi
}

# Runs ccenv ($_ccenv_cmd) where it makes no TLS connection: a launch, the check on entering
# a scope. Node 20 reads the certificates NODE_EXTRA_CA_CERTS names as it starts, before any
# JavaScript (about 40 ms for a 144-certificate bundle), so that Node starts without them;
# ccenv hands the value on, unchanged, to claude and all it starts
# (src/launch/extra-ca-certs.ts). Only an exported value: an unexported one reaches no program.
_ccenv_run() {
  _ccenv_handed_ca
  if [[ -n "$_ccenv_ca" ]]; then
    CCENV_NODE_EXTRA_CA_CERTS=$_ccenv_ca NODE_EXTRA_CA_CERTS='' command "${_ccenv_cmd[@]}" "$@"
  else
    command "${_ccenv_cmd[@]}" "$@"
  fi
}

# The same inside a command substitution, which it turns into ccenv: no process of its own.
_ccenv_exec() {
  _ccenv_handed_ca
  if [[ -n "$_ccenv_ca" ]]; then export CCENV_NODE_EXTRA_CA_CERTS=$_ccenv_ca NODE_EXTRA_CA_CERTS=''; fi
  exec "${_ccenv_cmd[@]}" "$@"
}

# Sets _ccenv_ca to NODE_EXTRA_CA_CERTS when that is exported and not empty, else to ''.
# compgen -e lists exported names: a builtin in every bash (3.2 too), so no process starts.
# Only for the ccenv beside this file: one found by name may be older, and not hand it back.
_ccenv_handed_ca() {
  _ccenv_ca=
  if [[ -n "${NODE_EXTRA_CA_CERTS-}" && ${#_ccenv_cmd[@]} -eq 2 ]] &&
    compgen -e -X '!NODE_EXTRA_CA_CERTS' NODE_EXTRA_CA_CERTS >/dev/null; then
    _ccenv_ca=$NODE_EXTRA_CA_CERTS
  fi
  return 0
}

# The directory and the .ccprofile seen at the last check ("unchecked": none yet).
_ccenv_pwd=${_ccenv_pwd-}
_ccenv_file=${_ccenv_file-unchecked}
# What ccenv said to watch at the last check (see _ccenv_stale).
_ccenv_stamp=${_ccenv_stamp-} _ccenv_allowdir=${_ccenv_allowdir-} _ccenv_denydir=${_ccenv_denydir-}

# Finds the nearest .ccprofile with builtins; runs ccenv only when it is another file.
_ccenv_scope() {
  local dir=${PWD%/} file=
  while [[ -n "$dir" ]]; do
    if [[ -e "$dir/.ccprofile" ]]; then
      file=$dir/.ccprofile
      break
    fi
    dir=${dir%/*}
  done
  if [[ -z "$file" && -e /.ccprofile ]]; then file=/.ccprofile; fi
  [[ "$file" == "$_ccenv_file" ]] && return 0
  _ccenv_file=$file
  unset CCENV_DIR_PROFILE
  [[ -n "$file" ]] || return 0
  _ccenv_command
  _ccenv_stamp=
  eval "$(_ccenv_exec hook bash --scope "$file" --name "$_ccenv_name" --shell-pid "$$")"
  case ${CCENV_DIR_PROFILE-} in
    '' | [!A-Za-z0-9]* | *[!A-Za-z0-9._-]*) unset CCENV_DIR_PROFILE ;;
  esac
  return 0
}

# True when the .ccprofile in use is gone, or it or the trust records changed since ccenv
# last read them (it touched the stamp first). Stats only: nothing here opens the file.
_ccenv_stale() {
  [[ -n "${_ccenv_stamp-}" && "$_ccenv_file" != unchecked && -n "$_ccenv_file" ]] || return 1
  [[ ! -e "$_ccenv_file" || "$_ccenv_file" -nt "$_ccenv_stamp" ||
    "$_ccenv_allowdir" -nt "$_ccenv_stamp" || "$_ccenv_denydir" -nt "$_ccenv_stamp" ]]
}

# Runs before each prompt: compares $PWD with the last one, and the watched files with the
# stamp; keeps $?.
_ccenv_hook() {
  local ccenv_status=$?
  if [[ "$PWD" != "$_ccenv_pwd" ]]; then
    _ccenv_pwd=$PWD
    _ccenv_scope
  elif _ccenv_stale; then
    _ccenv_rescan
  fi
  return "$ccenv_status"
}

# Checks the current directory again now (after allow, deny or use --local).
_ccenv_rescan() {
  _ccenv_pwd=$PWD
  _ccenv_file=unchecked
  _ccenv_scope
}

# $1: the name this function was given (cc, or what --name chose), for ccenv's messages.
# `cc @NAME ARGS` picks the profile for one launch; the rest is claude's (cc doctor,
# cc rm ID), once `run --cc` has stopped what claude would take for a prompt by
# mistake (cc list, cc work -p hi).
_ccenv_cc() {
  local self=$1 code arg
  shift
  _ccenv_command
  case ${1-} in
    use)
      shift
      code=$(command "${_ccenv_cmd[@]}" use --shell bash --as "$self" "$@") || return
      eval "$code"
      for arg in "$@"; do
        if [[ "$arg" == --local ]]; then _ccenv_rescan; fi
      done
      ;;
    allow | deny)
      command "${_ccenv_cmd[@]}" "$@" || return
      _ccenv_rescan
      ;;
    @*)
      arg=$1
      shift
      _ccenv_run run --cc "$self" "$arg" -- "$@"
      ;;
    # ccenv's launch options first (cc --no-fallback @NAME ARGS): ccenv reads them, then @NAME.
    --no-fallback | --check) command "${_ccenv_cmd[@]}" "$@" ;;
    *) _ccenv_run run --cc "$self" -- "$@" ;;
  esac
}

_ccenv_name=cc # ccenv:function-name

# Completions, loaded at the first Tab: `ccenv completion bash` runs then, not at start-up.
# A completion already registered for these names is kept.
_ccenv_complete_lazy() {
  _ccenv_command
  eval "$(command "${_ccenv_cmd[@]}" completion bash --name "$_ccenv_name" 2>/dev/null)"
  if [[ "$1" == ccenv ]]; then
    if declare -F _ccenv_complete >/dev/null; then _ccenv_complete "$@"; fi
  elif declare -F _ccenv_complete_cc >/dev/null; then
    _ccenv_complete_cc "$@"
  fi
  return 0
}

# The function, its completions and the prompt hook in an interactive shell only: a script,
# make, a bash that reads this for BASH_ENV must still run the C compiler as cc. An if, not a
# return: `ccenv hook bash` prints this text to eval, outside any sourced file.
if [[ $- == *i* ]]; then
  function cc { _ccenv_cc cc "$@"; } # ccenv:function-name
  complete -p ccenv >/dev/null 2>&1 || complete -o default -F _ccenv_complete_lazy ccenv
  complete -p "$_ccenv_name" >/dev/null 2>&1 || complete -o default -F _ccenv_complete_lazy "$_ccenv_name"

  # Builtins only from here to the end, as above: sourcing this file starts no process.
  # Bash 5.1 and later run every element of a PROMPT_COMMAND array; older ones (macOS's 3.2)
  # only the first, where a string prepended to element 0 works in every version.
  if (( BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 501 )) && [[ -n "${PROMPT_COMMAND[1]+set}" ]]; then
    _ccenv_present=
    for _ccenv_entry in "${PROMPT_COMMAND[@]}"; do
      if [[ "$_ccenv_entry" == _ccenv_hook ]]; then _ccenv_present=1; fi
    done
    if [[ -z "$_ccenv_present" ]]; then PROMPT_COMMAND=(_ccenv_hook "${PROMPT_COMMAND[@]}"); fi
    unset _ccenv_present _ccenv_entry
  else
    # A string, or an array's first element.
    # shellcheck disable=SC2128,SC2178
    case ${PROMPT_COMMAND-} in
      *_ccenv_hook*) ;;
      *) PROMPT_COMMAND="_ccenv_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}" ;;
    esac
  fi
fi
