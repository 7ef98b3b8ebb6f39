import { HttpErrorResponse } from '@angular/common/http';

/** The parts of an RFC 9457 problem the app reads; anything else the API adds stays unread. */
interface Problem {
  code?: unknown;
  detail?: unknown;
  errors?: { field?: unknown; detail?: unknown }[];
  [extension: string]: unknown;
}

/**
 * The problem+json body of a failed call. Operations that answer 204 are requested as text, so their
 * errors arrive as the raw JSON string and are parsed here.
 */
export function problemOf(error: unknown): Problem | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return null;
    }
  }
  return body && typeof body === 'object' ? (body as Problem) : null;
}

/** The stable machine-readable `code` of a problem (`invalid_code`, `reauthentication_required`…). */
export function problemCode(error: unknown): string | null {
  const code = problemOf(error)?.code;
  return typeof code === 'string' ? code : null;
}

/** The problem+json detail of a failed call, for showing to the person who made it. */
export function problemDetail(
  error: unknown,
  fallback = 'Something went wrong. Try again in a moment.',
): string {
  const detail = problemOf(error)?.detail;
  if (typeof detail === 'string') return detail;
  if (error instanceof HttpErrorResponse && error.status === 0)
    return 'The server cannot be reached. Check your connection and try again.';
  return fallback;
}

/** The per-field messages of a 422 problem, keyed by field name (empty for any other error). */
export function problemFieldErrors(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (error instanceof HttpErrorResponse && error.status === 422) {
    for (const entry of problemOf(error)?.errors ?? []) {
      if (typeof entry.field === 'string' && typeof entry.detail === 'string') {
        fields[entry.field] ??= entry.detail;
      }
    }
  }
  return fields;
}

/** One line for a form's alert: the first field's message of a 422, or else the problem's detail. */
export function problemSummary(error: unknown): string {
  return Object.values(problemFieldErrors(error))[0] ?? problemDetail(error);
}
