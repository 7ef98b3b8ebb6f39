import { createWriteStream, type WriteStream } from 'node:fs';
import type { Redis } from 'ioredis';
import { ansi } from '../runners/terminal-style';
import { encodeRunEvent, type RunEvent, runStreamKey } from './run-events';

/** Control characters other than ANSI colour escapes would corrupt the terminal or the log. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/g;

/** How long a batch of lines is tried again while Redis is unreachable, before the stream gives it up. */
export const STREAM_RETRY_WINDOW_MS = 30_000;
const RETRY_FIRST_MS = 50;
const RETRY_MAX_MS = 1_000;

/**
 * Where a running tool's output goes: the run's log file (the durable copy) and the run's Redis stream
 * (what browsers follow live). Lines printed in the same tick go to Redis in one round trip, and once
 * the output reaches its cap everything after it is dropped with one notice, so a noisy tool cannot
 * fill the disk or Redis.
 */
export class RunOutput {
  private readonly file: WriteStream;
  private readonly key: string;
  /** Why the log file cannot be written, once it cannot (a full or unwritable storage). */
  fileError: NodeJS.ErrnoException | null = null;
  private readonly fileFailed: Promise<NodeJS.ErrnoException>;
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
    private readonly retryWindowMs = STREAM_RETRY_WINDOW_MS,
  ) {
    this.key = runStreamKey(prefix, runId);
    this.file = createWriteStream(logPath, { flags: 'a' });
    // Unhandled, a stream error would take the whole worker down, with every other run on it.
    this.fileFailed = new Promise((resolve) =>
      this.file.on('error', (error: NodeJS.ErrnoException) => {
        this.fileError ??= error;
        resolve(this.fileError);
      }),
    );
  }

  /** Resolves once the log file is open, or with why it cannot be opened. */
  opened(): Promise<NodeJS.ErrnoException | null> {
    if (this.fileError || !this.file.pending) return Promise.resolve(this.fileError);
    return new Promise((resolve) => {
      this.file.once('ready', () => resolve(null));
      void this.fileFailed.then(resolve);
    });
  }

  /** Calls `onFailure` when a write to the log file fails (at most once). */
  whenFileFails(onFailure: (error: NodeJS.ErrnoException) => void): void {
    void this.fileFailed.then(onFailure);
  }

  /**
   * Resolves once every line printed so far reached the log file, or with the error that stopped
   * it: a write fails after print() returned, so a run checks this before it counts as done.
   */
  fileSynced(): Promise<NodeJS.ErrnoException | null> {
    // `errored` is set the moment a write fails; the 'error' event only comes a tick later.
    this.fileError ??= this.file.errored as NodeJS.ErrnoException | null;
    if (this.fileError || this.file.destroyed) return Promise.resolve(this.fileError);
    return new Promise((resolve) =>
      this.file.write('', (error) => {
        if (error) this.fileError ??= error;
        resolve(this.fileError);
      }),
    );
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
    if (!this.fileError) this.file.write(`${line}\n`);
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
    this.flushing = this.flushing.then(() => this.send(batch));
    return this.flushing;
  }

  /**
   * Writes a batch to the stream, trying again while Redis is away (a restart, a failover): viewers
   * resume from the last id they saw, so a line dropped here would be missing from their terminal
   * for good. Later batches wait behind this one, which keeps the order. Past the retry window the
   * rest is given up, and the run goes on: the log file still has every line.
   */
  private async send(batch: RunEvent[]): Promise<void> {
    const deadline = performance.now() + this.retryWindowMs;
    let unsent = batch;
    for (let attempt = 0; unsent.length > 0; attempt += 1) {
      const pipeline = this.redis.pipeline();
      for (const event of unsent) pipeline.xadd(this.key, '*', ...encodeRunEvent(event));
      const results = await pipeline.exec().catch(() => null);
      // Only the entries that failed go again, so none is doubled; on one connection they are the tail.
      unsent = results ? unsent.filter((_, index) => results[index]?.[0]) : unsent;
      if (unsent.length === 0 || performance.now() > deadline) return;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(RETRY_FIRST_MS * 2 ** attempt, RETRY_MAX_MS)),
      );
    }
  }

  /** Flushes everything, closes the file and lets the stream expire after `ttlSeconds`. */
  async close(ttlSeconds: number): Promise<void> {
    await this.flush();
    await this.redis.expire(this.key, ttlSeconds).catch(() => undefined);
    if (this.file.closed) return;
    // Not events.once: it rejects on an 'error', and a failed stream still closes.
    const closed = new Promise<void>((resolve) => this.file.once('close', () => resolve()));
    this.file.end();
    await closed;
  }
}
