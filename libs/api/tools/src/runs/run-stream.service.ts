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

function isFinalStatus(fields: string[]): boolean {
  const event = decodeRunEvent(fields);
  return event?.type === 'status' && TERMINAL_STATUSES.includes(event.status.status);
}

/** Writes stream entries as SSE frames, in order and each once, and notices the final status. */
class FrameWriter {
  finished = false;
  onFinished: () => void = () => undefined;

  constructor(
    private readonly out: ServerResponse,
    public cursor: string,
  ) {}

  write(entries: StreamEntry[]): void {
    for (const [id, fields] of entries) {
      if (this.finished || compareStreamIds(id, this.cursor) <= 0) continue;
      this.cursor = id;
      const event = decodeRunEvent(fields);
      if (!event) continue;
      this.out.write(sseFrame(id, event));
      if (isFinalStatus(fields)) {
        this.finished = true;
        this.onFinished();
      }
    }
  }
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

  /**
   * Serves a run's stream from `lastEventId` on. `open` takes the response over from the framework:
   * it is called only once Redis has answered, so with Redis away the viewer gets a 503 problem to
   * retry after, never a stream that starts and then stays silent.
   */
  async serve(
    run: ToolRun,
    lastEventId: string | undefined,
    logPath: string | null,
    open: () => ServerResponse,
  ): Promise<void> {
    const key = runStreamKey(this.config.redis.prefix, run.id);
    const fromFile = FILE_ID.exec(lastEventId ?? '');
    const live = !fromFile && (await this.redis.exists(key)) > 0;
    // An id past the stream's end (made up, or from before a failover) would start the shared hub
    // there, and every viewer would wait for entries that never come.
    const [newest] = live ? ((await this.redis.xrevrange(key, '+', '-', 'COUNT', 1)) as StreamEntry[]) : [];
    const out = open();
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    out.write('retry: 2000\n\n');
    try {
      if (!live) {
        if (TERMINAL_STATUSES.includes(run.status))
          await this.replayFile(run, logPath, Number(fromFile?.[1] ?? 0), out);
        return;
      }
      const resumeAfter = lastEventId && /^\d+-\d+$/.test(lastEventId) ? lastEventId : '0-0';
      const frames = new FrameWriter(
        out,
        newest && compareStreamIds(resumeAfter, newest[0]) > 0 ? newest[0] : resumeAfter,
      );
      // What the stream holds already; a finished run ends here, only a live one needs the hub.
      await this.readUpTo(key, frames, '+');
      // A viewer resuming after the final status has nothing more to wait for.
      const over = newest !== undefined && isFinalStatus(newest[1]);
      if (!frames.finished && !over && !out.destroyed) await this.follow(key, frames, out);
    } finally {
      // However it ends (Redis going away mid-stream included), the viewer reconnects with its last id.
      out.end();
    }
  }

  /** Writes the stream's entries after the writer's cursor up to `until` (inclusive), page by page. */
  private async readUpTo(key: string, frames: FrameWriter, until: string): Promise<void> {
    for (;;) {
      if (frames.finished || (until !== '+' && compareStreamIds(frames.cursor, until) >= 0)) return;
      const range = (await this.redis.xrange(
        key,
        `(${frames.cursor}`,
        until,
        'COUNT',
        READ_COUNT,
      )) as StreamEntry[];
      frames.write(range);
      if (range.length < READ_COUNT) return;
    }
  }

  /**
   * Live entries come from the process's one RunStreamHub. What the hub read before this viewer
   * joined is fetched here; the writer drops anything already written, so nothing is doubled.
   */
  private async follow(key: string, frames: FrameWriter, out: ServerResponse): Promise<void> {
    let live = false;
    let buffered: StreamEntry[] = [];
    let leave!: () => void;
    const left = new Promise<void>((resolve) => (leave = resolve));
    frames.onFinished = leave;
    out.once('close', () => leave());
    const { after, stop } = await this.hub.follow(key, frames.cursor, {
      entries: (entries) => (live ? frames.write(entries) : buffered.push(...entries)),
      ended: () => leave(),
    });
    const keepalive = setInterval(() => out.write(': keepalive\n\n'), KEEPALIVE_MS);
    try {
      await this.readUpTo(key, frames, after);
      live = true;
      frames.write(buffered);
      buffered = [];
      if (!frames.finished && !out.destroyed) await left;
    } finally {
      clearInterval(keepalive);
      stop();
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
