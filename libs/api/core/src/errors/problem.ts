import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

/** One field that failed validation, located by a JSON pointer into the request body or query. */
export interface FieldError {
  field: string;
  pointer: string;
  detail: string;
  code?: string;
  nodeIds?: string[];
}

/** RFC 9457 problem details, plus the extensions every Huntkit error carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable machine-readable code, e.g. `validation_failed`. */
  code: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function titleForStatus(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** Default machine codes for statuses raised without one of our own. */
export function codeForStatus(status: number): string {
  return titleForStatus(status)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/**
 * An HTTP error that knows its problem shape. Features throw it (or a subclass) for domain failures:
 * `throw new ProblemException(409, 'run_already_finished', 'The run has already finished.')`.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}

export class ValidationProblemException extends ProblemException {
  constructor(readonly fieldErrors: FieldError[]) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'validation_failed', 'The request has invalid fields.', {
      errors: fieldErrors,
    });
  }
}
