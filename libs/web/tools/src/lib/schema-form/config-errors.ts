import { HttpErrorResponse } from '@angular/common/http';

/** A 422's field messages split by where their JSON pointer lands in the launch request. */
export interface LaunchFieldErrors {
  /** By config property: `/config/ports` → `ports`. */
  config: Record<string, string>;
  /** By top-level body field: `/timeoutSeconds` → `timeoutSeconds`. */
  body: Record<string, string>;
}

/**
 * Reads the pointers of a 422 problem, which say exactly which config property failed (the session's
 * problemFieldErrors keys by the dotted `field` name, which is for display). First message per field wins.
 */
export function launchFieldErrors(error: unknown): LaunchFieldErrors {
  const result: LaunchFieldErrors = { config: {}, body: {} };
  if (!(error instanceof HttpErrorResponse) || error.status !== 422) return result;
  const entries = (error.error as { errors?: { pointer?: unknown; detail?: unknown }[] } | null)?.errors;
  for (const entry of entries ?? []) {
    if (typeof entry.pointer !== 'string' || typeof entry.detail !== 'string') continue;
    const parts = entry.pointer.split('/').slice(1).map(unescapePointer);
    if (parts[0] === 'config' && parts[1]) result.config[parts[1]] ??= entry.detail;
    else if (parts.length === 1 && parts[0]) result.body[parts[0]] ??= entry.detail;
  }
  return result;
}

/** RFC 6901: `~1` is `/` and `~0` is `~` inside a pointer segment. */
const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
