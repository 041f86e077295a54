# Autoloaded by fish at the first Tab after `ccenv` (the hook puts this directory on
# $fish_complete_path): loads ccenv's completions for ccenv and the cc function.
if functions -q _ccenv_command
    _ccenv_command
    command $_ccenv_cmd completion fish --name $_ccenv_name 2>/dev/null | source
else
    command ccenv completion fish 2>/dev/null | source
end
