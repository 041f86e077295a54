# ccenv shell integration for fish. Install, in config.fish, either line:
#   source /path/to/ccenv/shell/ccenv.fish    # the path: ccenv hook fish --path (fastest)
#   ccenv hook fish | source                  # runs ccenv at each shell start; takes --name
#
# In an interactive shell, defines `cc` (claude under the resolved profile: every word goes
# to claude, except `cc use`, `cc allow` and `cc deny`, which change this shell; elsewhere cc
# stays the C compiler) and a PWD handler that sets CCENV_DIR_PROFILE from the nearest
# allowed .ccprofile. Prompts run nothing; a cd within the same .ccprofile's scope runs
# builtins only; entering a new scope runs ccenv once, which checks trust and prints fish
# code. Nothing read from a .ccprofile is ever executed here. Safe to source twice.

# Where ccenv lives: the node that runs it and its script, by absolute path, so that a PATH
# changed later (nvm, a virtualenv) still finds both. `ccenv hook` writes them on this line;
# sourced from the package, the script is the one beside this file and node the one on PATH.
set -g _ccenv_script (string replace -r '/[^/]*$' '' -- (status current-filename))/../bin/ccenv.cjs; set -g _ccenv_node (command -s node) # ccenv:paths

# Sets _ccenv_cmd to the command that runs ccenv: by absolute path while both are there,
# else by name.
function _ccenv_command
    if test -x "$_ccenv_node"; and test -f "$_ccenv_script"
        set -g _ccenv_cmd $_ccenv_node $_ccenv_script
    else
        set -g _ccenv_cmd ccenv
    end
end

# Runs ccenv ($_ccenv_cmd) where it makes no TLS connection: a launch, the check on entering
# a scope. Node 20 reads the certificates NODE_EXTRA_CA_CERTS names as it starts, before any
# JavaScript (about 40 ms for a 144-certificate bundle), so that Node starts without them;
# ccenv hands the value on, unchanged, to claude and all it starts
# (src/launch/extra-ca-certs.ts). Only an exported value: an unexported one reaches no program.
# Only for the ccenv beside this file: one found by name may be older, and not hand it back.
function _ccenv_run
    if set -qx NODE_EXTRA_CA_CERTS; and test -n "$NODE_EXTRA_CA_CERTS"; and test (count $_ccenv_cmd) -eq 2
        CCENV_NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS" NODE_EXTRA_CA_CERTS= command $_ccenv_cmd $argv
    else
        command $_ccenv_cmd $argv
    end
end

# The .ccprofile seen at the last check ("unchecked": none yet).
set -q _ccenv_file; or set -g _ccenv_file unchecked
# What ccenv said to watch at the last check (see _ccenv_stale).
set -q _ccenv_stamp; or set -g _ccenv_stamp ''
set -q _ccenv_allowdir; or set -g _ccenv_allowdir ''
set -q _ccenv_denydir; or set -g _ccenv_denydir ''

# Finds the nearest .ccprofile with builtins; runs ccenv only when it is another file.
# A directory's name may hold newlines: $PWD is never split, and parents come back from
# `path dirname` NUL-terminated (fish 3.5; older fish: trailing newlines of a name are lost).
if builtin -q path
    function _ccenv_parent
        path dirname -Z -- $argv[1]
    end
else
    function _ccenv_parent
        printf '%s\0' (string replace -r '/[^/]*\z' '' -- $argv[1] | string collect)
    end
end

function _ccenv_scope
    set -l dir $PWD
    set -l file ''
    test "$dir" = /; and set dir ''
    while test -n "$dir"
        if test -e "$dir/.ccprofile"
            set file "$dir/.ccprofile"
            break
        end
        set dir (_ccenv_parent $dir | string split0)
        test "$dir" = /; and set dir ''
    end
    if test -z "$file"; and test -e /.ccprofile
        set file /.ccprofile
    end
    test "$file" = "$_ccenv_file"; and return 0
    set -g _ccenv_file $file
    set -e CCENV_DIR_PROFILE
    test -n "$file"; or return 0
    _ccenv_command
    set -g _ccenv_stamp ''
    _ccenv_run hook fish --scope $file --name $_ccenv_name --shell-pid $fish_pid | source
    if set -q CCENV_DIR_PROFILE; and not string match -qr -- '^[A-Za-z0-9][A-Za-z0-9._-]*$' "$CCENV_DIR_PROFILE"
        set -e CCENV_DIR_PROFILE
    end
    return 0
end

# True when the .ccprofile in use is gone, or it or the trust records changed since ccenv
# last read them (it touched the stamp first). Stats only: nothing here opens the file.
function _ccenv_stale
    test -n "$_ccenv_stamp"; and test "$_ccenv_file" != unchecked; and test -n "$_ccenv_file"; or return 1
    not test -e "$_ccenv_file"; or test "$_ccenv_file" -nt "$_ccenv_stamp"
    or test "$_ccenv_allowdir" -nt "$_ccenv_stamp"; or test "$_ccenv_denydir" -nt "$_ccenv_stamp"
end

# Checks the current directory again now (after allow, deny or use --local).
function _ccenv_rescan
    set -g _ccenv_file unchecked
    _ccenv_scope
end

# $argv[1]: the name this function was given (cc, or what --name chose), for ccenv's messages.
# `cc @NAME ARGS` picks the profile for one launch; the rest is claude's (cc doctor,
# cc rm ID), once `run --cc` has stopped what claude would take for a prompt by
# mistake (cc list, cc work -p hi).
function _ccenv_cc
    set -l self $argv[1]
    set -e argv[1]
    set -l rest $argv
    set -e rest[1]
    _ccenv_command
    switch "$argv[1]"
        case use
            set -l code (command $_ccenv_cmd use --shell fish --as $self $rest)
            or return
            string join \n -- $code | source
            if contains -- --local $rest
                _ccenv_rescan
            end
        case allow deny
            command $_ccenv_cmd $argv; or return
            _ccenv_rescan
        case '@*'
            _ccenv_run run --cc $self $argv[1] -- $rest
        case '--no-fallback' '--check'
            # ccenv's launch options first (cc --no-fallback @NAME ARGS): ccenv reads them, then @NAME.
            command $_ccenv_cmd $argv
        case '*'
            _ccenv_run run --cc $self -- $argv
    end
end

set -g _ccenv_name cc # ccenv:function-name

# The function, its completions and the handlers in an interactive shell only: fish reads
# config.fish for every script too, and a build script's cc must still be the C compiler.
if status is-interactive
    function cc; _ccenv_cc cc $argv; end # ccenv:function-name

    function _ccenv_on_pwd --on-variable PWD
        _ccenv_scope
    end

    # Before each prompt: checks again when something watched changed (builtins only otherwise).
    function _ccenv_on_prompt --on-event fish_prompt
        _ccenv_stale; and _ccenv_rescan
    end

    # Completions, autoloaded at the first Tab from the files beside this one (none start up
    # with the shell); a function named otherwise completes as cc does.
    set -l _ccenv_completions (string replace -r '/[^/]*$' '' -- $_ccenv_script)/../shell/fish-completions
    if not contains -- $_ccenv_completions $fish_complete_path
        # before the ones fish generates from manual pages, after all others
        set -l i (contains -i -- $__fish_user_data_dir/generated_completions $fish_complete_path)
        if test -n "$i"; and test $i -gt 1
            set -g fish_complete_path $fish_complete_path[1..(math $i - 1)] $_ccenv_completions $fish_complete_path[$i..-1]
        else
            set -g fish_complete_path $fish_complete_path $_ccenv_completions
        end
    end
    test $_ccenv_name = cc; or complete -c $_ccenv_name --wraps cc

    _ccenv_scope
end
