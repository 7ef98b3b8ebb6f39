import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Serves the built Angular app from the API process (one origin for SPA and API, as the architecture asks).
 * Hashed bundles are cached for a year; index.html is always revalidated. Unknown GETs outside /api get
 * index.html so the client router can answer them; unknown /api paths and missing files get the problem 404.
 * `distDir` was checked for an index.html when the configuration was loaded.
 */
export async function registerSpa(fastify: FastifyInstance, distDir: string): Promise<void> {
  await fastify.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    setHeaders: (res, filePath) => {
      const immutable =
        /-[A-Z0-9]{8,}\.(js|css|woff2?|svg|png)$/i.test(filePath) || filePath.includes('/media/');
      void res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
  fastify.get('/', (_request, reply) => sendIndex(reply));
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    // API paths and missing files (a stale chunk name, say) get a real 404, never the HTML shell.
    const lastSegment = path.slice(path.lastIndexOf('/') + 1);
    if (path === '/api' || path.startsWith('/api/') || lastSegment.includes('.')) return reply.callNotFound();
    return sendIndex(reply);
  });
}
