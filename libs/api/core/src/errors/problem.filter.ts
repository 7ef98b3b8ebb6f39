import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { codeForStatus, ProblemException, titleForStatus, type Problem } from './problem';
import { unavailableDependency } from './unavailable';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
/** Postgres and Redis come back from a restart or failover within seconds. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Errors Fastify raises itself before a handler runs (bad JSON, body too large, wrong media type). */
interface FastifyClientError {
  statusCode: number;
  code: string;
  message: string;
}

/**
 * Only Fastify's own client errors (codes FST_*) have messages written for callers; other libraries'
 * errors with a statusCode (SDKs, HTTP clients) may carry upstream details and stay generic 500s.
 */
function isFastifyClientError(error: unknown): error is FastifyClientError {
  const candidate = error as Partial<FastifyClientError> | null;
  return (
    typeof candidate?.code === 'string' &&
    candidate.code.startsWith('FST_') &&
    typeof candidate.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 500
  );
}

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Builds the problem body for any thrown value; 5xx bodies never carry internals. */
export function toProblem(exception: unknown, instance: string, requestId: string): Problem {
  // Extensions first: they may add fields but never replace the core ones.
  const problem = (status: number, code: string, detail: string, extensions: object = {}): Problem => ({
    ...extensions,
    type: 'about:blank',
    title: titleForStatus(status),
    status,
    detail,
    instance,
    code,
    requestId,
  });
  if (exception instanceof ProblemException)
    return problem(exception.getStatus(), exception.code, detailOf(exception), exception.extensions);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const detail = status >= 500 ? 'The server could not complete the request.' : detailOf(exception);
    return problem(status, codeForStatus(status), detail);
  }
  if (isFastifyClientError(exception))
    return problem(exception.statusCode, codeForStatus(exception.statusCode), exception.message);
  const dependency = unavailableDependency(exception);
  if (dependency)
    return problem(
      HttpStatus.SERVICE_UNAVAILABLE,
      `${dependency}_unavailable`,
      'The service is briefly unavailable; try again shortly.',
      { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS },
    );
  return problem(
    HttpStatus.INTERNAL_SERVER_ERROR,
    'internal_error',
    'Something went wrong on our side. Quote the request id if you contact support.',
  );
}

/**
 * Fastify's router refuses some requests before Nest sees them (a path parameter over its length
 * limit, a malformed URL component): those answers are problem+json too, not Fastify's own JSON.
 */
export function sendFrameworkError(
  error: { statusCode?: number },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const code = error.statusCode ?? HttpStatus.BAD_REQUEST;
  const status = code >= 400 && code < 500 ? code : HttpStatus.BAD_REQUEST;
  const problem: Problem = {
    type: 'about:blank',
    title: titleForStatus(status),
    status,
    detail: status === 414 ? 'A part of the address is too long.' : 'The address is not valid.',
    instance: request.url.split('?')[0]?.slice(0, 200) ?? '',
    code: codeForStatus(status),
    requestId: String(request.id),
  };
  void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

/** The one global filter: every error leaves the API as RFC 9457 problem+json with the request id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const path = request.url.split('?')[0];
    const problem = toProblem(exception, path, String(request.id));
    if (problem.status >= 500) {
      this.logger.error({ err: exception, reqId: request.id, route: path }, 'request failed');
    }
    const retryAfter = problem['retryAfterSeconds'];
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(Math.ceil(retryAfter)));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
