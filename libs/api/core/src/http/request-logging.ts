import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** What later features attach to a request once they know who is calling. */
interface RequestWithUser extends FastifyRequest {
  user?: { id?: string };
}

/**
 * One structured line per request with id, method, route template, status, latency and user.
 * Matched requests log their route template only, since paths and query strings may carry tokens;
 * the path (without its query) is logged only for requests that matched no route.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  // Callback hooks, not async ones: an async hook costs a promise per request for nothing here.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request: RequestWithUser, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    logger[level](
      {
        reqId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? null,
        ...(request.routeOptions.url ? {} : { path: request.url.split('?')[0] }),
        status,
        latencyMs: Math.round(reply.elapsedTime * 10) / 10,
        userId: request.user?.id ?? null,
        ip: request.ip,
      },
      'request completed',
    );
    done();
  });
}
