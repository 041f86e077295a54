#!/usr/bin/env node
// A launch runs from one CommonJS bundle (the fast path); every other verb from dist/cli.js.
import { createRequire } from 'node:module';

const { runLaunch } = createRequire(import.meta.url)('../dist/launch.cjs');
const code = await runLaunch(process.argv.slice(2));
if (code === undefined) await import('../dist/cli.js');
else process.exitCode = code;
