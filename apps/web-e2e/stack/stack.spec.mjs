import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../../../tools/test/processes.mjs';

const STACK = join(__dirname, 'stack.mjs');
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = Object.assign(new URL(SERVER_URL), { pathname: '/huntkit_stack_spec' }).href;
const redisUrl = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/14`;

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** A service that answers HTTP on its port and writes its pid to a file, so the test can find it. */
const service = (name, port, pidFile) => ({
  name,
  command: [
    'node',
    '-e',
    `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
     require('http').createServer((q, r) => r.end('ok')).listen(${port}, '127.0.0.1');`,
  ],
  readyUrl: `http://127.0.0.1:${port}/ready`,
});

function startStack(services) {
  const child = spawn(process.execPath, [STACK], {
    env: { ...process.env, E2E_STACK: JSON.stringify({ databaseUrl, redisUrl, services }) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return { child, stderr: () => stderr };
}

describe('the browser suite stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stack-spec-'));

  it('refuses to start when a port it needs is taken, naming the service and who holds it', async () => {
    const holder = createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const taken = holder.address().port;
    const pidFile = join(dir, 'never.pid');
    try {
      const stack = startStack([
        service('Other service', await freePort(), pidFile),
        service('API', taken, pidFile),
      ]);
      const [code] = await once(stack.child, 'exit');
      expect(code).toBe(1);
      // Who holds it comes from `ss` where it is installed (iproute2); the port and service always show.
      expect(stack.stderr()).toContain(`port ${taken} (API) is taken by`);
      expect(existsSync(pidFile)).toBe(false); // nothing was started
    } finally {
      holder.close();
    }
  });

  it('starts its services in order once each answers, and stops them all when it is stopped', async () => {
    const first = join(dir, 'first.pid');
    const second = join(dir, 'second.pid');
    const stack = startStack([
      service('First', await freePort(), first),
      service('Second', await freePort(), second),
    ]);
    while (!stack.stderr().includes('Second is ready')) {
      if (stack.child.exitCode !== null) throw new Error(`the stack exited: ${stack.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(stack.stderr().indexOf('First is ready')).toBeLessThan(stack.stderr().indexOf('Second is ready'));
    const pids = [first, second].map((file) => Number(readFileSync(file, 'utf8')));
    expect(pids.every(isAlive)).toBe(true);

    stack.child.kill('SIGTERM');
    await once(stack.child, 'exit');
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
