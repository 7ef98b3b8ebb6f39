import { FINAL_RUN_STATUSES, type RunEvent, type RunStatusEvent } from '@huntkit/shared/run-events';
import type { Redis } from 'ioredis';

/** The stream's events are the web app's too: one definition in @huntkit/shared/run-events. */
export type { RunEvent, RunStatusEvent } from '@huntkit/shared/run-events';

/**
 * A run's live events live in one Redis stream: terminal lines and status changes, in order, with
 * ids the browser sends back as Last-Event-ID. Workers write, any API process reads.
 */
export const runStreamKey = (prefix: string, runId: string) => `${prefix}:run:${runId}:events`;

/** How long a finished run's stream stays in Redis; afterwards the log file serves replays. */
export const FINISHED_STREAM_TTL_SECONDS = 24 * 3600;

export const TERMINAL_STATUSES = FINAL_RUN_STATUSES;

/** Stream entry fields: `t` is the event type, `d` its payload (the line, or status JSON). */
export function encodeRunEvent(event: RunEvent): [string, string, string, string] {
  return event.type === 'line'
    ? ['t', 'line', 'd', event.text]
    : ['t', 'status', 'd', JSON.stringify(event.status)];
}

export function decodeRunEvent(fields: string[]): RunEvent | null {
  const map = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length; index += 2)
    map.set(fields[index] as string, fields[index + 1] as string);
  const data = map.get('d') ?? '';
  if (map.get('t') === 'line') return { type: 'line', text: data };
  if (map.get('t') === 'status') {
    try {
      return { type: 'status', status: JSON.parse(data) as RunStatusEvent };
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Puts a status change on the run's stream. A final status also starts the stream's expiry, after
 * which replays come from the log file.
 */
export async function appendRunStatus(
  redis: Redis,
  prefix: string,
  runId: string,
  status: RunStatusEvent,
): Promise<void> {
  const key = runStreamKey(prefix, runId);
  const batch = redis.multi().xadd(key, '*', ...encodeRunEvent({ type: 'status', status }));
  if (TERMINAL_STATUSES.includes(status.status)) batch.expire(key, FINISHED_STREAM_TTL_SECONDS);
  await batch.exec();
}
