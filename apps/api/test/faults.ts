import { QueueName } from '@huntkit/api/core';
import { queueSettled } from '@huntkit/api/core/testing';
import { CreditsInvariant } from '@huntkit/api/credits';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { CookieJar } from './cookie-jar';
import type { SignedInHarness } from './signed-in-harness';
import { isFinalStatus, readEvents, type SseEvent } from './sse-client';

/**
 * One line per fault scenario with what it measured, written past Jest's console decoration so the
 * figures read the same in a terminal and in CI logs.
 */
export function report(line: string): void {
  process.stdout.write(`fault: ${line}\n`);
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface RunRow {
  id: string;
  status: string;
  error: string | null;
  worker: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** Launching, following and inspecting runs as their owner does, over HTTP. */
export function runsOver(harness: SignedInHarness) {
  let clients = 0;
  const signedInUser = async (): Promise<CookieJar> => {
    const email = `faults-${randomUUID().slice(0, 8)}@example.com`;
    await harness.createUser(email);
    return harness.signIn(email);
  };
  const launch = async (jar: CookieJar, toolId: string, config: unknown): Promise<string> => {
    const launched = await harness.call(`/api/tools/${toolId}/runs`, {
      method: 'POST',
      jar,
      csrf: true,
      json: { config, idempotencyKey: randomUUID() },
    });
    if (launched.status !== 201) throw new Error(`launch answered ${launched.status}`);
    return String(launched.body['id']);
  };
  const stream = (jar: CookieJar, runId: string, stopWhen: (event: SseEvent) => boolean) =>
    readEvents(
      `${harness.baseUrl}/api/runs/${runId}/stream`,
      { cookie: jar.header(), 'x-forwarded-for': `192.0.2.${(clients += 1) % 250}` },
      stopWhen,
    );
  /** Follows the run to its final status and returns that status event's data (the last seen, if none). */
  const finalStatus = async (jar: CookieJar, runId: string) => {
    const { events } = await stream(jar, runId, isFinalStatus);
    const last = events.filter((event) => event.event === 'status').at(-1);
    return JSON.parse(last?.data ?? '{}') as { status?: string; error?: string | null };
  };
  const waitForLine = (jar: CookieJar, runId: string, pattern: RegExp) =>
    stream(jar, runId, (event) => event.event === 'line' && pattern.test(event.data));
  const balance = async (jar: CookieJar) =>
    (await harness.call('/api/credits/balance', { jar })).body as { total: number; reserved: number };
  const row = async (runId: string): Promise<RunRow> => {
    const [found] = await harness.em
      .fork()
      .execute<
        RunRow[]
      >('select id, status, error, worker, created_at, started_at, finished_at from tool_runs where id = ?', [runId]);
    if (!found) throw new Error(`no run ${runId}`);
    return found;
  };
  return { signedInUser, launch, finalStatus, waitForLine, balance, row };
}

/** The name a worker process gives itself in a run's `worker` column (host:pid). */
export const workerNamed = (name: string | null) => Number(name?.split(':').at(-1));

/**
 * What must hold after every fault, whatever happened during it: no run left queued or running, the
 * credit books balanced, and no mail job pending or failed for good (none lost).
 */
export async function expectInvariants(harness: SignedInHarness): Promise<void> {
  const unfinished = await harness.em
    .fork()
    .execute(`select id, status from tool_runs where status in ('queued', 'running')`);
  expect(unfinished).toEqual([]);
  expect(await harness.api.get(CreditsInvariant).check()).toEqual([]);
  const mail = harness.api.get<Queue>(getQueueToken(QueueName.mail));
  await queueSettled(mail);
  expect(await mail.getJobCounts('failed')).toEqual({ failed: 0 });
}
