import { REDIS } from '@huntkit/api/core';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';

export type StreamEntry = [id: string, fields: string[]];

/** How long one blocking read waits before it is issued again (new keys interrupt it at once). */
const BLOCK_MS = 15_000;
const READ_COUNT = 500;
const RETRY_MS = 1_000;
/** Names the reader in CLIENT LIST, one per API process. */
export const READER_NAME = `huntkit-run-streams-${process.pid}`;
/** A new stream's join tries to wake the read loop for up to about five seconds, backing off. */
const JOIN_TRIES = 20;
const JOIN_FIRST_WAIT_MS = 5;
const JOIN_MAX_WAIT_MS = 500;

export interface StreamFollower {
  /** Entries of the followed stream, in order, each newer than every entry delivered before. */
  entries(entries: StreamEntry[]): void;
  /** The hub is shutting down: no more entries will come. */
  ended(): void;
}

interface FollowedStream {
  /** The newest entry id the hub has read (or was told to start after). */
  cursor: string;
  followers: Set<StreamFollower>;
}

/** Orders Redis stream ids ("1700000000000-3"): milliseconds first, then the sequence. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

/**
 * One blocking Redis connection per API process for every live run being watched. It reads all the
 * followed streams with one XREAD and hands each batch to the viewers of that run, so a thousand
 * browsers watching cost one connection, not a thousand. A run followed for the first time interrupts
 * the blocked read (CLIENT UNBLOCK), so its viewers do not wait for the read to time out.
 */
@Injectable()
export class RunStreamHub implements OnModuleDestroy {
  private readonly logger = new Logger(RunStreamHub.name);
  private readonly streams = new Map<string, FollowedStream>();
  private reader: Redis | null = null;
  private readerId: number | null = null;
  private loop: Promise<void> | null = null;
  /**
   * The streams of the read in flight. Its answer goes only to these same records: a stream left and
   * followed again meanwhile is a new record with its own cursor.
   */
  private reading = new Map<string, FollowedStream>();
  private wake: (() => void) | null = null;
  private stopped = false;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /**
   * Delivers the entries of `key` after `from` to `follower`, until the returned function is called.
   * Answers the id the hub delivers after: entries between `from` and it were read before this
   * follower joined, and are the follower's to fetch (XRANGE) if it needs them.
   */
  async follow(
    key: string,
    from: string,
    follower: StreamFollower,
  ): Promise<{ after: string; stop: () => void }> {
    if (this.stopped) {
      follower.ended();
      return { after: from, stop: () => undefined };
    }
    let stream = this.streams.get(key);
    const isNew = !stream;
    if (!stream) {
      stream = { cursor: from, followers: new Set() };
      this.streams.set(key, stream);
    }
    stream.followers.add(follower);
    const after = stream.cursor;
    this.ensureLoop();
    if (isNew) await this.takeIn(key, stream);
    return {
      after,
      stop: () => {
        stream.followers.delete(follower);
        if (stream.followers.size === 0 && this.streams.get(key) === stream) this.streams.delete(key);
      },
    };
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    for (const stream of this.streams.values()) for (const follower of stream.followers) follower.ended();
    this.streams.clear();
    // Closing the reader fails the read in flight, so the loop ends now rather than when it times out.
    this.reader?.disconnect();
    await this.loop;
  }

  private ensureLoop(): void {
    this.wake?.();
    if (this.loop || this.stopped) return;
    this.loop = this.run().finally(() => (this.loop = null));
  }

  /**
   * Makes sure the read loop reads this new stream record: the read in flight does, or it is woken
   * (CLIENT UNBLOCK) so the next one does. (A stream followed again just after its last viewer left
   * may still be in the read in flight, for its old record.) A read sent but not yet blocking cannot
   * be woken, so it is tried again for a moment.
   */
  private async takeIn(key: string, stream: FollowedStream): Promise<void> {
    for (let tries = 0; tries < JOIN_TRIES && !this.stopped && this.streams.get(key) === stream; tries += 1) {
      if (this.reading.get(key) === stream || (await this.interruptRead())) return;
      const wait = Math.min(JOIN_FIRST_WAIT_MS * 2 ** tries, JOIN_MAX_WAIT_MS);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Wakes the blocked XREAD; false when it was not blocked (or there is none yet). */
  private async interruptRead(): Promise<boolean> {
    if (this.readerId === null) return false;
    const woken = await this.redis.client('UNBLOCK', this.readerId).catch(() => 0);
    return Number(woken) === 1;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.streams.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      try {
        const reader = await this.connectedReader();
        const reading = new Map(this.streams);
        const keys = [...reading.keys()];
        const cursors = [...reading.values()].map((stream) => stream.cursor);
        this.reading = reading;
        const answer = (await reader.xread(
          'COUNT',
          READ_COUNT,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          ...keys,
          ...cursors,
        )) as [string, StreamEntry[]][] | null;
        this.reading = new Map();
        for (const [key, entries] of answer ?? []) this.deliver(reading.get(key), key, entries);
      } catch (error) {
        this.reading = new Map();
        if (this.stopped) break;
        this.logger.warn(`reading live runs failed, retrying: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private deliver(stream: FollowedStream | undefined, key: string, entries: StreamEntry[]): void {
    const last = entries.at(-1);
    // Nobody follows the record this read was for any more (left, or followed again afresh).
    if (!stream || !last || this.streams.get(key) !== stream) return;
    stream.cursor = last[0];
    for (const follower of stream.followers) follower.entries(entries);
  }

  private async connectedReader(): Promise<Redis> {
    if (!this.reader) {
      // Blocking reads need a connection of their own, with no command timeout.
      this.reader = this.redis.duplicate({
        commandTimeout: undefined,
        maxRetriesPerRequest: 1,
        connectionName: READER_NAME,
        // A read lost with the connection fails rather than being sent again unseen: the loop then
        // learns the reconnected client's id (CLIENT UNBLOCK needs it) before its next read.
        autoResendUnfulfilledCommands: false,
      });
      this.reader.on('error', () => undefined);
      this.reader.on('ready', () => (this.readerId = null));
    }
    // Without the id, new streams wait for the read to time out instead of waking it; reads go on.
    this.readerId ??= await this.reader.client('ID').then(Number, () => null);
    return this.reader;
  }
}
