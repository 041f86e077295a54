#!/usr/bin/env node
'use strict';
// The planning half of bin/ccenv-wrap: see there.
const { runWrapperPlan } = require('../dist/launch.cjs');
runWrapperPlan(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
