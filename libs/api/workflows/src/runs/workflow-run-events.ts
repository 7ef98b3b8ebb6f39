import { APP_CONFIG, type AppConfig, createRedisClient, REDIS } from '@huntkit/api/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { ServerResponse } from 'node:http';

export interface WorkflowRunChange {
  /** The node that changed, or null for the run itself. */
  nodeId: string | null;
  status: string;
}

const FINAL_RUN = ['succeeded', 'failed', 'cancelled'];
/** How long a finished run's events stay in Redis; the run view reads the state from the API after. */
const FINISHED_TTL_SECONDS = 24 * 3600;
const BLOCK_MS = 15_000;

/**
 * A workflow run's live changes: one Redis stream per run that the engine appends to (on any
 * worker) and the API reads as Server-Sent Events (on any API process). The state itself is in
 * Postgres; the stream only says when to look, so a client that reconnects with Last-Event-ID misses
 * nothing, and one that connects fresh gets the whole state first.
 */
@Injectable()
export class WorkflowRunEvents {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(runId: string): string {
    return `${this.config.redis.prefix}:workflow-run:${runId}:events`;
  }

  async announce(runId: string, change: WorkflowRunChange): Promise<void> {
    const key = this.key(runId);
    const batch = this.redis.multi().xadd(key, '*', 'd', JSON.stringify(change));
    if (change.nodeId === null && FINAL_RUN.includes(change.status)) batch.expire(key, FINISHED_TTL_SECONDS);
    await batch.exec();
  }

  /** The id of the newest change, so a snapshot read after it and the live changes do not overlap. */
  async latestId(runId: string): Promise<string> {
    const [last] = await this.redis.xrevrange(this.key(runId), '+', '-', 'COUNT', 1);
    return last?.[0] ?? '0-0';
  }

  /**
   * Writes every change after `cursor` as an SSE `change` frame until the run ends or the client
   * leaves. A dedicated connection blocks on the stream for this follower.
   */
  async follow(runId: string, cursor: string, out: ServerResponse, alreadyFinished: boolean): Promise<void> {
    if (alreadyFinished) return void out.end();
    const reader = createRedisClient(this.config.redis.url, `huntkit-workflow-follow-${process.pid}`, {
      maxRetriesPerRequest: null,
      commandTimeout: undefined,
    });
    let open = true;
    out.on('close', () => {
      open = false;
      reader.disconnect();
    });
    try {
      while (open) {
        const answer = await reader.xread('BLOCK', BLOCK_MS, 'STREAMS', this.key(runId), cursor);
        if (!open) break;
        if (!answer) {
          out.write(': keep-alive\n\n');
          continue;
        }
        for (const [id, fields] of answer[0]?.[1] ?? []) {
          cursor = id;
          const data = fields[1] ?? '{}';
          out.write(`id: ${id}\nevent: change\ndata: ${data}\n\n`);
          const change = JSON.parse(data) as WorkflowRunChange;
          if (change.nodeId === null && FINAL_RUN.includes(change.status)) open = false;
        }
      }
    } catch {
      // the client left (the connection was closed under the read) or Redis went away: end the stream
    } finally {
      reader.disconnect();
      if (!out.writableEnded) out.end();
    }
  }
}
