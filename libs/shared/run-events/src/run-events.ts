// What a tool run's live stream (`GET /api/runs/{id}/stream`, Server-Sent Events) carries, for the API
// that writes it and the browser that reads it. The stream is plain SSE, outside the OpenAPI spec, so
// the generated client has no type for it: this is the one both sides compile against.

/** A run's life: queued, running, then one final status. */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The statuses a run ends in; the stream closes after the first of them. */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'timed_out'];

export const isFinalRunStatus = (status: RunStatus): boolean => FINAL_RUN_STATUSES.includes(status);

/** How bad a finding is, least severe first (the order the database's enum check lists them in). */
export const RESULT_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type ResultSeverity = (typeof RESULT_SEVERITIES)[number];

/** Results of a finished run by severity, plus how many are new or gone since the previous run. */
export interface RunResultCounts {
  total: number;
  bySeverity: Record<ResultSeverity, number>;
  new: number;
  gone: number;
}

/** The `data` of a `status` event (JSON): the run's new status, when, and what it found once final. */
export interface RunStatusEvent {
  status: RunStatus;
  /** ISO 8601 instant of the change. */
  at: string;
  error?: string | null;
  resultCounts?: RunResultCounts | null;
}

/**
 * One event of the stream. `type` is the SSE `event:` name: `line` carries a line of terminal output
 * as its data (plain text), `status` a `RunStatusEvent` as JSON.
 */
export type RunEvent = { type: 'line'; text: string } | { type: 'status'; status: RunStatusEvent };
export type RunEventType = RunEvent['type'];
