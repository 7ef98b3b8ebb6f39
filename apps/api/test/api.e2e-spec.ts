import { type AppConfig, APP_VERSION, createHttpApp, createLogger } from '@huntkit/api/core';
import { prepareTestEnvironment, waitFor } from '@huntkit/api/core/testing';
import { DATABASE_SCHEMA } from '@huntkit/api/database';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { httpClient, listenOnFreePort } from './http-client';
import { envFor, type RunningProcess, startBuilt } from './processes';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

describe('Huntkit API over HTTP (real Postgres, Redis and a worker process)', () => {
  let config: AppConfig;
  let api: NestFastifyApplication;
  let worker: RunningProcess;
  let request: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    const webDist = mkdtempSync(join(tmpdir(), 'huntkit-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Huntkit</title><hk-root></hk-root>');
    writeFileSync(join(webDist, 'main-ABCDEFGH.js'), 'console.log("app")');
    config = await prepareTestEnvironment({
      label: 'api_e2e',
      schema: DATABASE_SCHEMA,
      env: {
        WEB_DIST_DIR: webDist,
        BODY_LIMIT_BYTES: '2048',
        SOCIAL_GITHUB_URL: 'https://github.com/huntkit',
      },
    });
    const logger = createLogger(config.log.level, 'api');
    api = await createHttpApp(AppModule.forRoot(config), config, { version: APP_VERSION, logger });
    request = httpClient(await listenOnFreePort(api));
    // The worker runs as its own process, built as production runs it.
    worker = startBuilt('worker', envFor(config));
    await worker.waitForLog('worker ready');
  });

  afterAll(async () => {
    worker?.kill();
    await worker?.finished;
    await api?.close();
  });

  it('answers liveness with the version, a request id and security headers', async () => {
    const res = await request('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', version: APP_VERSION });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('keeps a well-formed request id from the caller and replaces an unsafe one', async () => {
    expect(
      (await request('/api/health', { headers: { 'x-request-id': 'trace-1234abcd' } })).headers.get(
        'x-request-id',
      ),
    ).toBe('trace-1234abcd');
    const unsafe = await request('/api/health', { headers: { 'x-request-id': 'bad id\twith tab' } });
    expect(unsafe.headers.get('x-request-id')).not.toContain('bad');
  });

  it('reports ready with every dependency up', async () => {
    const res = await request<{ status: string; checks: Record<string, { status: string }> }>(
      '/api/health/ready',
    );
    expect(res.status).toBe(200);
    expect(res.body.checks).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'up' },
      migrations: { status: 'up' },
    });
  });

  it('sends a probe through the queue to the worker and shows its result', async () => {
    const created = await request<{ id: string; status: string; label: string }>('/api/health/probes', {
      method: 'POST',
      json: { label: 'e2e round trip' },
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'queued', label: 'e2e round trip' });
    const done = await waitFor(
      () => request<{ status: string; workerId: string | null }>(`/api/health/probes/${created.body.id}`),
      (res) => res.body.status === 'completed',
    );
    expect(done.body.workerId).toMatch(/^worker-[0-9a-f]{8}$/);
  });

  it('rejects an invalid body with 422 problem+json and per-field errors', async () => {
    const res = await request('/api/health/probes', {
      method: 'POST',
      json: { label: 'x'.repeat(81), admin: true },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(res.body).toMatchObject({
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      code: 'validation_failed',
      instance: '/api/health/probes',
    });
    expect(res.body['errors']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'label', pointer: '/label', detail: expect.stringContaining('80') }),
        expect.objectContaining({ field: 'admin', detail: expect.stringContaining('should not exist') }),
      ]),
    );
    expect(res.body['requestId']).toBe(res.headers.get('x-request-id'));
  });

  it('rejects an invalid path parameter with 422', async () => {
    const res = await request('/api/health/probes/not-a-uuid');
    expect(res.status).toBe(422);
    expect(res.body['errors']).toEqual([{ field: 'id', pointer: '/id', detail: 'id must be a UUID' }]);
  });

  it('answers a missing probe, an unknown route and a missing file with 404 problem+json', async () => {
    for (const path of [
      '/api/health/probes/3f0c9a4e-2d1b-4c36-9a55-7e1f0f2b8c11',
      '/api/no-such-route',
      '/chunk-STALE123.js',
    ]) {
      const res = await request(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 404, code: 'not_found', instance: path });
    }
  });

  it('answers malformed JSON with 400 and an oversized body with 413, both as problems', async () => {
    const malformed = await request('/api/health/probes', {
      method: 'POST',
      body: '{"label":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe(PROBLEM_JSON);
    const tooLarge = await request('/api/health/probes', {
      method: 'POST',
      json: { label: 'x'.repeat(4096) },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('limits probe creation per client with 429 problem+json and Retry-After, never the health checks', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof request>> | undefined;
    for (let attempt = 0; attempt < 12 && !limited; attempt++) {
      const res = await request('/api/health/probes', { method: 'POST', json: {} });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, -1).every((status) => status === 202)).toBe(true);
    expect(limited?.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(limited?.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    const health = await Promise.all(Array.from({ length: 30 }, () => request('/api/health')));
    expect(health.every((res) => res.status === 200)).toBe(true);
  });

  it('serves the site facts and the tool categories', async () => {
    const site = await request<{ socialLinks: { network: string }[]; copyright: string }>('/api/site');
    expect(site.body.socialLinks).toEqual([
      { network: 'github', label: 'GitHub', url: 'https://github.com/huntkit' },
    ]);
    expect(site.body.copyright).toMatch(/The Huntkit authors\. All rights reserved\./);
    const categories = await request<{ id: string }[]>('/api/tools/categories');
    expect(categories.body.map((c) => c.id)).toEqual(['network', 'web', 'tls', 'headers', 'dns', 'content']);
  });

  it('documents every operation in the OpenAPI spec and serves Swagger UI', async () => {
    const spec = await request<{
      paths: Record<string, Record<string, { operationId: string; summary?: string }>>;
    }>('/api/openapi.json');
    const operations = Object.values(spec.body.paths).flatMap((methods) => Object.values(methods));
    expect(operations.length).toBeGreaterThanOrEqual(6);
    for (const operation of operations) {
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.summary).toBeTruthy();
    }
    const docs = await request('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
  });

  it('serves the single-page app with client routes falling back to index.html', async () => {
    for (const path of ['/', '/tools', '/some/deep/link']) {
      const res = await request(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<hk-root>');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const bundle = await request('/main-ABCDEFGH.js');
    expect(bundle.headers.get('cache-control')).toContain('immutable');
  });
});
