import { isFinalRunStatus } from '@huntkit/shared/run-events';
import type { ResultChange, RunStatus, Severity } from '../api/run-models';

export const STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
};

export const STATUS_ICONS: Record<RunStatus, string> = {
  queued: 'schedule',
  running: 'autorenew',
  succeeded: 'check_circle',
  failed: 'error',
  cancelled: 'block',
  timed_out: 'timer_off',
};

export const RUN_STATUSES = Object.keys(STATUS_LABELS) as RunStatus[];

/** Statuses after which a run never changes again (the stream ends, the results are complete). */
export const isFinal = isFinalRunStatus;
export const isActive = (status: RunStatus) => !isFinal(status);

/** Most severe first: the order of every list and summary. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const CHANGES: readonly ResultChange[] = ['new', 'unchanged', 'gone'];

export const CHANGE_LABELS: Record<ResultChange, string> = {
  new: 'New',
  unchanged: 'Unchanged',
  gone: 'Gone',
};

/** A running time as a person says it: `45s`, `3m 07s`, `1h 02m`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const pad = (value: number) => String(value).padStart(2, '0');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${pad(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

/** A time limit, in round units where it has them: `90s`, `5 min`, `1 h`, `1 h 30 min`. */
export function formatLimit(seconds: number): string {
  if (seconds < 60 || seconds % 60 !== 0) return `${seconds}s`;
  const minutes = seconds / 60;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

export const credits = (count: number) => `${count} credit${count === 1 ? '' : 's'}`;
