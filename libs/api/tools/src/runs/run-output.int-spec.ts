import { createRedisClient } from '@huntkit/api/core';
import { privateRedis, type PrivateRedis } from '@huntkit/api/core/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeRunEvent, runStreamKey } from './run-events';
import { RunOutput } from './run-output';

describe('run output while Redis is away', () => {
  const storage = mkdtempSync(join(tmpdir(), 'huntkit-run-output-'));
  let server: PrivateRedis;

  beforeEach(async () => {
    server = await privateRedis();
  });
  afterEach(() => server.stop());
  afterAll(() => rmSync(storage, { recursive: true, force: true }));

  it('writes the lines printed while Redis was unreachable once it is back, in order and each once', async () => {
    // The worker's command connection: one retry, two-second timeout, so each write fails fast.
    const redis = createRedisClient(server.url, 'run-output-test');
    try {
      const output = new RunOutput(redis, 'test:run-output', 'run-1', join(storage, 'run-1.log'), 1 << 20);
      for (const line of ['one', 'two', 'three']) output.print(line);
      await new Promise((resolve) => setImmediate(resolve)); // the lines' batch is sent
      // Queued behind that batch, so once it fails the batch's write has failed too.
      await expect(redis.ping()).rejects.toThrow();
      output.print('four');
      await server.start();
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
    const redis = createRedisClient(server.url, 'run-output-gone');
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
