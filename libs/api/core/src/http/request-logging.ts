import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** What later features attach to a request once they know who is calling. */
interface RequestWithUser extends FastifyRequest {
  user?: { id?: string };
}

/**
 * One structured line per request with id, method, route template, status, latency and user.
 * The path is logged without its query string, which may carry tokens.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request: RequestWithUser, reply) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    logger[level](
      {
        reqId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? null,
        path: request.url.split('?')[0],
        status,
        latencyMs: Math.round(reply.elapsedTime * 10) / 10,
        userId: request.user?.id ?? null,
        ip: request.ip,
      },
      'request completed',
    );
  });
}
