import { type AppConfig, createRedisClient } from '@huntkit/api/core';
import { READER_NAME, RunStreamHub, type StreamEntry } from '@huntkit/api/tools/benchmarking';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { percentile } from './percentile';

export interface LiveViewersResult {
  name: string;
  viewers: number;
  lines: number;
  /** Redis connections that block waiting for the lines. */
  readerConnections: number;
  /** From XADD of a line to the moment every viewer holds it. */
  p50Ms: number;
  p99Ms: number;
}

/** Lines added one after another; each waits until every viewer has it. */
async function fanOut(
  redis: Redis,
  key: string,
  lines: number,
  arrivals: { next: (count: number) => Promise<void> },
  viewers: number,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let line = 1; line <= lines; line++) {
    const arrived = arrivals.next(line * viewers);
    const started = performance.now();
    await redis.xadd(key, '*', 'type', 'line', 'text', `line ${line}`);
    await arrived;
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

/** Counts deliveries and wakes whoever waits for a total. */
function arrivalCounter() {
  let delivered = 0;
  let waiting: { total: number; resolve: () => void } | null = null;
  return {
    add(count: number) {
      delivered += count;
      if (waiting && delivered >= waiting.total) waiting.resolve();
    },
    next(total: number) {
      return new Promise<void>((resolve) => {
        waiting = { total, resolve };
        if (delivered >= total) resolve();
      });
    },
  };
}

async function readersOf(redis: Redis, name: string): Promise<number> {
  const list = String(await redis.client('LIST'));
  return list.split('\n').filter((line) => line.includes(` name=${name} `)).length;
}

/**
 * Live terminals: `viewers` browsers watching one run, served the way the API serves them (one
 * RunStreamHub per process), next to the way it served them before (a blocking connection per
 * viewer, each with its own XREAD), on the same Redis, one after the other.
 */
export async function runLiveViewersWorkload(
  config: AppConfig,
  viewers: number,
  lines = 200,
): Promise<LiveViewersResult[]> {
  const redis = createRedisClient(config.redis.url, `huntkit-bench-${process.pid}`, {
    commandTimeout: undefined,
  });
  const results: LiveViewersResult[] = [];
  try {
    // One connection per viewer (the earlier design), as the baseline.
    {
      const key = `${config.redis.prefix}:bench:live:${randomUUID()}`;
      const name = `huntkit-bench-viewer-${process.pid}`;
      const arrivals = arrivalCounter();
      let running = true;
      const readers = Array.from({ length: viewers }, () =>
        redis.duplicate({ connectionName: name, commandTimeout: undefined }),
      );
      const loops = readers.map(async (reader) => {
        let cursor = '0-0';
        while (running) {
          const answer = (await reader.xread('BLOCK', 1000, 'STREAMS', key, cursor).catch(() => null)) as
            | [string, StreamEntry[]][]
            | null;
          const entries = answer?.[0]?.[1] ?? [];
          if (entries.length) cursor = entries.at(-1)?.[0] ?? cursor;
          arrivals.add(entries.length);
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const connections = await readersOf(redis, name);
      const sorted = await fanOut(redis, key, lines, arrivals, viewers);
      running = false;
      for (const reader of readers) reader.disconnect();
      await Promise.all(loops);
      await redis.del(key);
      results.push({
        name: 'a connection per viewer (before)',
        viewers,
        lines,
        readerConnections: connections,
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
      });
    }
    // The API's RunStreamHub.
    {
      const key = `${config.redis.prefix}:bench:live:${randomUUID()}`;
      const hub = new RunStreamHub(redis);
      const arrivals = arrivalCounter();
      for (let viewer = 0; viewer < viewers; viewer++)
        await hub.follow(key, '0-0', {
          entries: (entries) => arrivals.add(entries.length),
          ended: () => undefined,
        });
      const connections = await readersOf(redis, READER_NAME);
      const sorted = await fanOut(redis, key, lines, arrivals, viewers);
      await hub.onModuleDestroy();
      await redis.del(key);
      results.push({
        name: 'one hub per API process (now)',
        viewers,
        lines,
        readerConnections: connections,
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
      });
    }
  } finally {
    redis.disconnect();
  }
  return results;
}
