/**
 * Names this jest run, so the global teardown can tell the processes this run started (see child-processes.ts)
 * from those of another run on the same machine. Bots and CLIs the tests spawn through bin/zhibu.js run the
 * sources through tsx (ZHIBU_FROM_SOURCE), so a stale dist/ can never make a test run old code, and parallel test
 * files never race to compile dist/.
 */
const { randomUUID } = require('node:crypto');

module.exports = async function globalSetup() {
  process.env.ZHIBU_TEST_RUN = randomUUID();
  process.env.ZHIBU_FROM_SOURCE = '1';
};
