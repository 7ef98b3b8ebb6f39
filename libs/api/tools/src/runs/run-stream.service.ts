import { APP_CONFIG, type AppConfig, REDIS } from '@huntkit/api/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import type { ToolRun } from './entities/tool-run.entity';
import { decodeRunEvent, type RunEvent, runStreamKey, TERMINAL_STATUSES } from './run-events';
import { compareStreamIds, RunStreamHub, type StreamEntry } from './run-stream-hub';

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;
const READ_COUNT = 500;
/** Ids of lines replayed from the log file once the Redis stream has expired. */
const FILE_ID = /^log-(\d+)$/;

function sseFrame(id: string, event: RunEvent): string {
  if (event.type === 'line') return `id: ${id}\nevent: line\ndata: ${event.text}\n\n`;
  return `id: ${id}\nevent: status\ndata: ${JSON.stringify(event.status)}\n\n`;
}

/**
 * Serves a run's events as Server-Sent Events from its Redis stream: everything after Last-Event-ID
 * first, then live entries as workers add them, until the final status. Any API process can serve
 * any run, since the stream is the only state. A stream that has expired (old runs) is replayed from
 * the log file with a final status made from the run's row.
 */
@Injectable()
export class RunStreamService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly hub: RunStreamHub,
  ) {}

  async serve(
    run: ToolRun,
    lastEventId: string | undefined,
    logPath: string | null,
    out: ServerResponse,
  ): Promise<void> {
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    out.write('retry: 2000\n\n');
    const key = runStreamKey(this.config.redis.prefix, run.id);
    const fromFile = FILE_ID.exec(lastEventId ?? '');
    if (fromFile || !(await this.redis.exists(key))) {
      if (TERMINAL_STATUSES.includes(run.status))
        await this.replayFile(run, logPath, Number(fromFile?.[1] ?? 0), out);
      out.end();
      return;
    }
    await this.follow(key, lastEventId && /^\d+-\d+$/.test(lastEventId) ? lastEventId : '0-0', out);
  }

  /**
   * Live entries come from the process's one RunStreamHub; what the hub read before this viewer
   * joined is fetched here (XRANGE), and nothing is written twice or out of order.
   */
  private async follow(key: string, from: string, out: ServerResponse): Promise<void> {
    let cursor = from;
    let live = false;
    let buffered: StreamEntry[] = [];
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const write = (entries: StreamEntry[]) => {
      for (const [id, fields] of entries) {
        if (compareStreamIds(id, cursor) <= 0) continue;
        cursor = id;
        const event = decodeRunEvent(fields);
        if (!event) continue;
        out.write(sseFrame(id, event));
        if (event.type === 'status' && TERMINAL_STATUSES.includes(event.status.status)) finish();
      }
    };
    out.once('close', () => finish());
    if (out.destroyed) finish(); // the browser left before the stream started
    const { after, stop } = await this.hub.follow(key, from, {
      entries: (entries) => (live ? write(entries) : buffered.push(...entries)),
      ended: () => finish(),
    });
    const keepalive = setInterval(() => out.write(': keepalive\n\n'), KEEPALIVE_MS);
    try {
      while (!out.closed && compareStreamIds(cursor, after) < 0) {
        const page = (await this.redis.xrange(
          key,
          `(${cursor}`,
          after,
          'COUNT',
          READ_COUNT,
        )) as StreamEntry[];
        if (page.length === 0) break;
        write(page);
      }
      live = true;
      write(buffered);
      buffered = [];
      await done;
    } finally {
      clearInterval(keepalive);
      stop();
      out.end();
    }
  }

  private async replayFile(
    run: ToolRun,
    logPath: string | null,
    skip: number,
    out: ServerResponse,
  ): Promise<void> {
    let index = 0;
    if (logPath) {
      const lines = createInterface({ input: createReadStream(logPath), crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          index += 1;
          if (index > skip) out.write(sseFrame(`log-${index}`, { type: 'line', text: line }));
        }
      } catch {
        // The log is gone (retention) or unreadable: the final status still comes.
      }
    }
    out.write(
      sseFrame(`log-${index + 1}`, {
        type: 'status',
        status: {
          status: run.status,
          at: (run.finishedAt ?? run.createdAt).toISOString(),
          error: run.error,
          resultCounts: run.resultCounts,
        },
      }),
    );
  }
}
