/**
 * Names this jest run, so the global teardown can tell the processes this run started (see child-processes.ts)
 * from those of another run on the same machine.
 */
const { randomUUID } = require('node:crypto');

module.exports = async function globalSetup() {
  process.env.ZHIBU_TEST_RUN = randomUUID();
};
