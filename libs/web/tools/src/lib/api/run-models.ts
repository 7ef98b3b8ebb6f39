import type { RunDto, RunResultDto } from '@huntkit/web/api-client';

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

/** A run's stream is plain SSE, outside the generated client: its events are typed with the API's. */
export type { RunEventType, RunStatusEvent } from '@huntkit/shared/run-events';
