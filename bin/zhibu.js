#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `zhibu` works from a plain `npm ci` without a build step.
require('tsx/cjs/api').register();
require('../src/cli/main.ts').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err); process.exit(1); },
);
