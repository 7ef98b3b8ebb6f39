/**
 * The baseline for the health benchmark: plain Fastify on the same Node, answering /api/health with the
 * same JSON shape and no plugins, hooks or framework. What Huntkit loses against it is the price of
 * NestJS, helmet, compression, request ids and request logging.
 */
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
const startedAt = Date.now();

const app = Fastify({ logger: false });
app.get('/api/health', async () => ({
  status: 'ok',
  version,
  uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
}));

// The benchmark stops this process with SIGTERM; closing lets in-flight requests end cleanly.
process.once('SIGTERM', () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
