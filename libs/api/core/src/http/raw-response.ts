import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';

/**
 * Takes the response over from Fastify (for a stream the handler writes itself), keeping the headers
 * Fastify would have sent: the security headers and the request id are set on every reply, and a
 * hijacked reply sends none of them on its own.
 */
export function takeOverResponse(reply: FastifyReply): ServerResponse {
  reply.hijack();
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined) reply.raw.setHeader(name, value);
  return reply.raw;
}
