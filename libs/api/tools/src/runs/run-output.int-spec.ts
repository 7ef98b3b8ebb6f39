import { createRedisClient } from '@huntkit/api/core';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeRunEvent, runStreamKey } from './run-events';
import { RunOutput } from './run-output';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A redis-server of the test's own, so it can be absent and then start, as a restarted Redis does. */
async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const client = createRedisClient(`redis://127.0.0.1:${port}`, 'run-output-probe', {
    retryStrategy: () => 50,
  });
  try {
    await client.ping();
  } finally {
    client.disconnect();
  }
  return child;
}

describe('run output while Redis is away', () => {
  const storage = mkdtempSync(join(tmpdir(), 'huntkit-run-output-'));
  let server: ChildProcess | undefined;

  afterEach(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await once(server, 'exit');
    }
    server = undefined;
  });
  afterAll(() => rmSync(storage, { recursive: true, force: true }));

  it('writes the lines printed while Redis was unreachable once it is back, in order and each once', async () => {
    const port = await freePort();
    // The worker's command connection: one retry, two-second timeout, so each write fails fast.
    const redis = createRedisClient(`redis://127.0.0.1:${port}`, 'run-output-test');
    try {
      const output = new RunOutput(redis, 'test:run-output', 'run-1', join(storage, 'run-1.log'), 1 << 20);
      for (const line of ['one', 'two', 'three']) output.print(line);
      await new Promise((resolve) => setImmediate(resolve)); // the lines' batch is sent
      // Queued behind that batch, so once it fails the batch's write has failed too.
      await expect(redis.ping()).rejects.toThrow();
      output.print('four');
      server = await startRedisServer(port);
      await output.close(60);
      const entries = (await redis.xrange(runStreamKey('test:run-output', 'run-1'), '-', '+')) as [
        string,
        string[],
      ][];
      expect(entries.map(([, fields]) => decodeRunEvent(fields))).toEqual(
        ['one', 'two', 'three', 'four'].map((text) => ({ type: 'line', text })),
      );
    } finally {
      redis.disconnect();
    }
  });

  it('gives up on the stream after its retry window, and the log file still has every line', async () => {
    const redis = createRedisClient(`redis://127.0.0.1:${await freePort()}`, 'run-output-gone');
    try {
      const logPath = join(storage, 'run-2.log');
      const output = new RunOutput(redis, 'test:run-output', 'run-2', logPath, 1 << 20, 300);
      output.print('kept in the file');
      await output.close(60);
      expect(readFileSync(logPath, 'utf8')).toBe('kept in the file\n');
    } finally {
      redis.disconnect();
    }
  });
});
