#!/usr/bin/env node
// Runs the compiled CLI from dist/, compiling first when dist/ is missing or older than a source file (see
// build.js), so `npm ci && npm start` works on a fresh clone. ZHIBU_FROM_SOURCE=1 runs the TypeScript sources
// through tsx instead: the test suite does, so a test always runs the code it is testing, never an old build.
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function entry() {
  if (process.env.ZHIBU_FROM_SOURCE === '1') {
    require('tsx/cjs/api').register();
    return path.join(root, 'src/cli/main.ts');
  }
  try {
    return require('./build').ensureBuilt(root);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

require(entry())
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
