import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { ansi } from '../runners/terminal-style';
import { encodeRunEvent, type RunEvent, runStreamKey } from './run-events';

/** Control characters other than ANSI colour escapes would corrupt the terminal or the log. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/g;

/**
 * Where a running tool's output goes: the run's log file (the durable copy) and the run's Redis stream
 * (what browsers follow live). Lines printed in the same tick go to Redis in one round trip, and once
 * the output reaches its cap everything after it is dropped with one notice, so a noisy tool cannot
 * fill the disk or Redis.
 */
export class RunOutput {
  private readonly file: WriteStream;
  private readonly key: string;
  private pending: RunEvent[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private scheduled = false;
  bytes = 0;
  truncated = false;
  lines = 0;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    runId: string,
    logPath: string,
    private readonly maxBytes: number,
  ) {
    this.key = runStreamKey(prefix, runId);
    this.file = createWriteStream(logPath, { flags: 'a' });
  }

  /** One terminal line; long or multi-line text is split so every stream entry is one line. */
  print(text: string): void {
    for (const line of text.replace(UNSAFE, '').split(/\r?\n/)) {
      if (this.truncated) return;
      const size = Buffer.byteLength(line) + 1;
      if (this.bytes + size > this.maxBytes) {
        this.truncated = true;
        this.emit(
          ansi.yellow(`… output cut at ${Math.round(this.maxBytes / 1024)} KiB; the results are still kept.`),
        );
        return;
      }
      this.bytes += size;
      this.emit(line);
    }
  }

  /** A status change, on the same stream so viewers see it in order with the output. */
  status(event: Extract<RunEvent, { type: 'status' }>['status']): Promise<void> {
    this.pending.push({ type: 'status', status: event });
    return this.flush();
  }

  private emit(line: string): void {
    this.lines += 1;
    this.file.write(`${line}\n`);
    this.pending.push({ type: 'line', text: line });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Sends what is pending, after whatever is already on its way (order is kept). */
  flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      const pipeline = this.redis.pipeline();
      for (const event of batch) pipeline.xadd(this.key, '*', ...encodeRunEvent(event));
      await pipeline.exec();
    });
    // A lost Redis write must not fail the run: the log file still has every line.
    this.flushing = this.flushing.catch(() => undefined);
    return this.flushing;
  }

  /** Flushes everything, closes the file and lets the stream expire after `ttlSeconds`. */
  async close(ttlSeconds: number): Promise<void> {
    await this.flush();
    await this.redis.expire(this.key, ttlSeconds).catch(() => undefined);
    this.file.end();
    await once(this.file, 'close');
  }
}
