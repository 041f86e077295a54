#!/usr/bin/env node
'use strict';
// Claude Code's process wrapper (CLAUDE_CODE_PROCESS_WRAPPER), set by every ccenv launch:
// Claude Code starts its background service, sessions and relaunches as
// `ccenv-wrap.cjs CLAUDE ARGS...`, and they run with the profile that started it.
const { runWrapper } = require('../dist/launch.cjs');
runWrapper(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
