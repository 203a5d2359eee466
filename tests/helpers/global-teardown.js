/**
 * A safety net behind each test file's own clean-up: any process that a test started (it carries the run's marker)
 * and that is still alive now is killed and reported, and the run fails, because a leftover server would otherwise
 * keep jest from exiting or keep a database open for the next run.
 */
const fs = require('node:fs');

const MARKER = 'ZHIBU_TEST_CHILD';

function leftovers(run) {
  if (!run || !fs.existsSync('/proc/self/environ')) return [];
  const found = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (!environ.includes(`${MARKER}=${run}`)) continue;
      found.push({
        pid: Number(pid),
        cmd: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim(),
      });
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

module.exports = async function globalTeardown() {
  const left = leftovers(process.env.ZHIBU_TEST_RUN);
  if (left.length === 0) return;
  for (const { pid } of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  const list = left.map((p) => `  pid ${p.pid}: ${p.cmd}`).join('\n');
  throw new Error(
    `${left.length} process(es) started by tests were still running after the run (killed now):\n${list}\n` +
      'start them with spawnChild (tests/helpers/child-processes.ts) so the test file stops them',
  );
};
