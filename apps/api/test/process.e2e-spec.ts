import { AUTH_RATE_LIMITS } from '@huntkit/api/auth';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { DATABASE_SCHEMA } from '@huntkit/api/database';
import { envFor, freePort, startBuilt } from './processes';

const VALID = {
  APP_URL: 'http://127.0.0.1:3000',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/huntkit_unused',
  REDIS_URL: 'redis://127.0.0.1:6379',
  APP_SECRET: 'Qm9vdHN0cmFwLXNlY3JldC1mb3ItdGVzdHMtb25seS0x',
};

describe('the API process', () => {
  it('refuses to start on a bad config value, naming the variable and what it expects', async () => {
    const { finished } = startBuilt('api', {
      ...VALID,
      DATABASE_URL: 'mysql://root@localhost/huntkit',
      PORT: 'http',
    });
    const result = await finished;
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('Huntkit cannot start: the configuration is invalid.');
    expect(result.stderr).toMatch(/DATABASE_URL: expected a PostgreSQL URL such as postgres:\/\//);
    expect(result.stderr).toMatch(/PORT: expected a TCP port from 1 to 65535/);
  });

  it('refuses a placeholder secret in production without printing it', async () => {
    const { finished } = startBuilt('api', {
      ...VALID,
      NODE_ENV: 'production',
      APP_SECRET: 'change-me-change-me-change-me-change-me',
    });
    const result = await finished;
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/APP_SECRET: .*placeholder/);
    expect(result.stderr).not.toContain('change-me-change-me');
  });

  it('starts, serves, and shuts down cleanly on SIGTERM', async () => {
    const config = await prepareTestEnvironment({ label: 'process', schema: DATABASE_SCHEMA });
    const port = await freePort();
    const api = startBuilt('api', envFor(config, { PORT: String(port) }));
    let result: Awaited<typeof api.finished>;
    try {
      await api.waitForLog('api listening');
      const res = await fetch(`http://127.0.0.1:${port}/api/health/ready`);
      expect(res.status).toBe(200);
      // Paths and query strings may carry tokens: a matched route logs only its template.
      await fetch(
        `http://127.0.0.1:${port}/api/health/probes/3f0c9a4e-2d1b-4c36-9a55-7e1f0f2b8c11?token=s3cr3t-token`,
      );
      api.kill('SIGTERM');
      result = await api.finished;
    } finally {
      api.kill('SIGKILL');
    }
    expect(result.stdout).not.toContain('3f0c9a4e-2d1b-4c36');
    expect(result.stdout).not.toContain('s3cr3t-token');
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ msg: 'shutdown complete' })]));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          msg: 'request completed',
          route: '/api/health/ready',
          status: 200,
          method: 'GET',
          reqId: expect.any(String),
          latencyMs: expect.any(Number),
        }),
      ]),
    );
  });

  it('shares every account route limit between API processes through Redis', async () => {
    const config = await prepareTestEnvironment({ label: 'two_processes', schema: DATABASE_SCHEMA });
    const ports = [await freePort(), await freePort()];
    const apis = ports.map((port) => startBuilt('api', envFor(config, { PORT: String(port) })));
    try {
      await Promise.all(apis.map((api) => api.waitForLog('api listening')));
      // The limiter runs before validation, so empty bodies count like real attempts (and send no mail,
      // start no session and touch no account backoff): only the per-client limit is in play.
      const post = (port: number, route: string) =>
        fetch(`http://127.0.0.1:${port}${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
      for (const [route, { limit }] of Object.entries(AUTH_RATE_LIMITS)) {
        // Spend the whole allowance on the first process…
        const spent = await Promise.all(Array.from({ length: limit }, () => post(ports[0] ?? 0, route)));
        expect({ route, refused: spent.filter((answer) => answer.status === 429).length }).toEqual({
          route,
          refused: 0,
        });
        // …and the second process, which has seen none of those requests, refuses the next one.
        const refused = await post(ports[1] ?? 0, route);
        expect({ route, status: refused.status }).toEqual({ route, status: 429 });
        expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await refused.json()).toMatchObject({ code: 'rate_limited' });
      }
    } finally {
      for (const api of apis) api.kill('SIGKILL');
    }
  });
});
