import { APP_VERSION, createHttpApp, createLogger, loadConfig } from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { DATABASE_SCHEMA } from '@huntkit/api/database';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../src/app.module';
import { httpClient, listenOnFreePort } from './http-client';

describe('the API while Redis is unreachable', () => {
  let api: NestFastifyApplication;
  let request: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    const healthy = await prepareTestEnvironment({ label: 'redis_outage', schema: DATABASE_SCHEMA });
    // Same database, but Redis on a port where nothing listens.
    const config = loadConfig({
      NODE_ENV: 'test',
      APP_URL: healthy.appUrl,
      DATABASE_URL: healthy.database.url,
      REDIS_URL: 'redis://127.0.0.1:1',
      APP_SECRET: healthy.secrets.app,
      LOG_LEVEL: 'silent',
    });
    api = await createHttpApp(AppModule.forRoot(config), config, {
      version: APP_VERSION,
      logger: createLogger('silent', 'api'),
    });
    request = httpClient(await listenOnFreePort(api));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers quickly with 503 problems instead of hanging, and stays alive', async () => {
    const started = Date.now();
    const [liveness, readiness, probe] = await Promise.all([
      request('/api/health'),
      request<{ status: number; checks?: Record<string, { status: string; detail?: string }> }>(
        '/api/health/ready',
      ),
      request('/api/health/probes', { method: 'POST', json: {} }),
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(liveness.status).toBe(200);
    expect(readiness.status).toBe(503);
    expect(probe.status).toBe(503);
    expect(probe.body).toMatchObject({ status: 503, code: 'rate_limiter_unavailable' });
    // Nothing about addresses or errors reaches anonymous callers.
    expect(readiness.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });
});
