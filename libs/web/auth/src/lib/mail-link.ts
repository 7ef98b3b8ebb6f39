import { problemCode, problemDetail } from '@huntkit/web/session';

/**
 * What to tell someone whose mail link failed: the API's own words, or `damaged` when the token in the
 * link is malformed (the API answers that with a generic 422, which means nothing to a reader).
 */
export function mailLinkProblem(error: unknown, damaged: string): string {
  return problemCode(error) === 'validation_failed' ? damaged : problemDetail(error);
}
