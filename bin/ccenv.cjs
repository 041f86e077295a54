#!/usr/bin/env node
'use strict';
// CommonJS on purpose: an ES module entry costs a launch several milliseconds.
// A launch runs from one CommonJS bundle (the fast path); every other verb from dist/cli.js.
const { runLaunch } = require('../dist/launch.cjs');
runLaunch(process.argv.slice(2)).then((code) => {
  if (code === undefined) return import('../dist/cli.js');
  process.exitCode = code;
});
