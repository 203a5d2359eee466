import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The node flags before the script in `npm start` and in the Docker image's CMD. */
function flags() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const start = pkg.scripts.start.split(/\s+/);
  const cmdLine = /^CMD (\[.*\])$/m.exec(fs.readFileSync(path.join(ROOT, 'docker/Dockerfile'), 'utf8'))![1];
  const cmd = JSON.parse(cmdLine) as string[];
  return {
    npmStart: start.slice(1, start.indexOf('bin/zhibu.js')),
    docker: cmd.slice(1, cmd.indexOf('dist/src/cli/main.js')),
  };
}

describe('the process flags', () => {
  test('the Docker image runs node with the same V8 flags as npm start (the memory figures hold for both)', () => {
    const { npmStart, docker } = flags();
    expect(npmStart).toContain('--max-semi-space-size=4');
    expect(npmStart).toContain('--max-old-space-size=1024');
    expect(npmStart).toContain('--heap-growing-percent=20');
    expect(docker).toEqual(npmStart);
  });
});
