import type { RunDto, RunResultCountsDto, RunResultDto } from '@huntkit/web/api-client';

export type {
  LaunchRunDto,
  PageInfoDto,
  RunDetailDto,
  RunDto,
  RunPageDto,
  RunResultCountsDto,
  RunResultDto,
} from '@huntkit/web/api-client';

/** Names for the unions the generated models spell out inline. */
export type RunStatus = RunDto['status'];
export type Severity = RunResultDto['severity'];
export type ResultChange = RunResultDto['change'];

/** The `data` of a `status` event on a run's stream (the stream is plain SSE, outside the client). */
export interface RunStatusEvent {
  status: RunStatus;
  at: string;
  error?: string | null;
  resultCounts?: RunResultCountsDto | null;
}
