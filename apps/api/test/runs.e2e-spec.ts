import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { CreditsInvariant } from '@huntkit/api/credits';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CookieJar } from './cookie-jar';
import { envFor, freePort, runCli, type RunningProcess, startBuilt } from './processes';
import { closedPort, slowWebServer, tcpListener } from './run-targets';
import { startSignedInHarness, type SignedInHarness } from './signed-in-harness';
import { isFinalStatus, readEvents } from './sse-client';

const STORAGE = mkdtempSync(join(tmpdir(), 'huntkit-runs-e2e-'));
const RUN_ENV = { TOOL_TARGETS_ALLOW_PRIVATE: 'true', RUN_STORAGE_DIR: STORAGE, RUN_STALL_SECONDS: '2' };

interface Run {
  id: string;
  status: string;
  error: string | null;
  cancelRequested: boolean;
  resultCounts: { total: number; new: number; gone: number } | null;
}
interface Result {
  kind: string;
  key: string;
  severity: string;
  change: string;
}

/** Processes of the run's tool, found by the run's own folder in their arguments. */
function processesOf(runId: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', join(STORAGE, runId)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('tool runs over HTTP, on a real worker', () => {
  let harness: SignedInHarness;
  let config: AppConfig;
  let worker: RunningProcess;
  let clients = 0;

  beforeAll(async () => {
    harness = await startSignedInHarness('runs_e2e', RUN_ENV);
    config = harness.api.get<AppConfig>(APP_CONFIG);
    worker = startBuilt('worker', envFor(config, RUN_ENV));
    await worker.waitForLog('worker ready');
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await harness?.close();
    rmSync(STORAGE, { recursive: true, force: true });
  });

  async function signedInUser(): Promise<CookieJar> {
    const email = `hunter-${randomUUID().slice(0, 8)}@example.com`;
    await harness.createUser(email);
    return harness.signIn(email);
  }

  const launch = (jar: CookieJar, toolId: string, toolConfig: unknown, key = randomUUID(), extra = {}) =>
    harness.call(`/api/tools/${toolId}/runs`, {
      method: 'POST',
      jar,
      csrf: true,
      json: { config: toolConfig, idempotencyKey: key, ...extra },
    });
  const streamHeaders = (jar: CookieJar, lastEventId?: string) => ({
    cookie: jar.header(),
    'x-forwarded-for': `203.0.113.${(clients += 1) % 250}`,
    ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
  });
  const follow = (jar: CookieJar, runId: string, base = harness.baseUrl, lastEventId?: string) =>
    readEvents(`${base}/api/runs/${runId}/stream`, streamHeaders(jar, lastEventId), isFinalStatus);
  const getRun = async (jar: CookieJar, runId: string) =>
    (await harness.call(`/api/runs/${runId}`, { jar })).body as unknown as Run;
  const results = async (jar: CookieJar, runId: string) =>
    (await harness.call(`/api/runs/${runId}/results`, { jar })).body as unknown as Result[];
  const balance = async (jar: CookieJar) =>
    (await harness.call('/api/credits/balance', { jar })).body as { total: number; reserved: number };
  const waitForLine = (jar: CookieJar, runId: string, pattern: RegExp) =>
    readEvents(`${harness.baseUrl}/api/runs/${runId}/stream`, streamHeaders(jar), (event) =>
      pattern.test(event.data),
    );

  it('runs a port scan once for a double click, charges once, and streams its terminal and results', async () => {
    const jar = await signedInUser();
    const ssh = await tcpListener('SSH-2.0-OpenSSH_9.6\r\n');
    const silent = await tcpListener();
    const closed = await closedPort();
    try {
      const key = randomUUID();
      const toolConfig = { target: '127.0.0.1', ports: `${ssh.port},${silent.port},${closed}` };
      const [first, second] = await Promise.all([
        launch(jar, 'port-scan', toolConfig, key),
        launch(jar, 'port-scan', toolConfig, key),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 201]);
      expect(first.body['id']).toBe(second.body['id']);
      const runId = String(first.body['id']);

      const { events, contentType, headers } = await follow(jar, runId);
      expect(contentType).toMatch(/^text\/event-stream/);
      // The stream is written past Fastify, and still carries every response's headers.
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-request-id')).toBeTruthy();
      const statuses = events
        .filter((event) => event.event === 'status')
        .map((event) => JSON.parse(event.data).status);
      expect(statuses).toEqual(['queued', 'running', 'succeeded']);
      const terminal = events
        .filter((event) => event.event === 'line')
        .map((event) => event.data)
        .join('\n');
      expect(terminal).toContain(`${ssh.port}/tcp`);
      expect(terminal).toContain('SSH-2.0-OpenSSH_9.6');
      expect(terminal).not.toContain(`${closed}/tcp`);

      const found = await results(jar, runId);
      expect(found.map((result) => `${result.kind} ${result.key} ${result.change}`).sort()).toEqual(
        [`port tcp/${ssh.port} new`, `service tcp/${ssh.port}/ssh new`, `port tcp/${silent.port} new`].sort(),
      );
      expect(await getRun(jar, runId)).toMatchObject({
        status: 'succeeded',
        resultCounts: { total: 3, new: 3, gone: 0 },
      });
      expect(await balance(jar)).toMatchObject({ total: 8, reserved: 0 });
      const spends = await harness.call('/api/credits/ledger?kind=spend', { jar });
      expect(spends.body).toMatchObject({ total: 1, items: [{ amount: -2 }] });
    } finally {
      await Promise.all([ssh.close(), silent.close()]);
    }
  });

  it('compares a run with the previous one on the same target: new, unchanged and gone', async () => {
    const jar = await signedInUser();
    const stays = await tcpListener();
    const leaves = await tcpListener();
    const toolConfig = (extra: number) => ({
      target: '127.0.0.1',
      ports: `${stays.port},${leaves.port},${extra}`,
      grabBanners: false,
    });
    const spare = await closedPort();
    const first = await launch(jar, 'port-scan', toolConfig(spare));
    await follow(jar, String(first.body['id']));
    await leaves.close();
    const arrives = await tcpListener();
    try {
      const second = await launch(jar, 'port-scan', {
        ...toolConfig(arrives.port),
        ports: `${stays.port},${leaves.port},${arrives.port}`,
      });
      await follow(jar, String(second.body['id']));
      const changes = (await results(jar, String(second.body['id']))).map(
        (result) => `${result.key} ${result.change}`,
      );
      expect(changes.sort()).toEqual(
        [`tcp/${stays.port} unchanged`, `tcp/${arrives.port} new`, `tcp/${leaves.port} gone`].sort(),
      );
      expect(await getRun(jar, String(second.body['id']))).toMatchObject({
        resultCounts: { total: 2, new: 1, gone: 1 },
      });
    } finally {
      await Promise.all([stays.close(), arrives.close()]);
    }
  });

  it('replays a finished run in order, resumes after Last-Event-ID, and serves the same stream from another API process', async () => {
    const jar = await signedInUser();
    const listener = await tcpListener();
    const port = await freePort();
    const otherApi = startBuilt('api', envFor(config, { ...RUN_ENV, PORT: String(port) }));
    try {
      const run = await launch(jar, 'port-scan', {
        target: '127.0.0.1',
        ports: `${listener.port}`,
        grabBanners: false,
      });
      const runId = String(run.body['id']);
      const live = await follow(jar, runId);
      const late = await follow(jar, runId);
      expect(late.events).toEqual(live.events);
      const log = await harness.call(`/api/runs/${runId}/log`, { jar });
      expect(log.headers.get('content-disposition')).toMatch(/attachment/);
      expect(String(log.body).trimEnd().split('\n')).toEqual(
        live.events.filter((event) => event.event === 'line').map((event) => event.data),
      );

      const resumeAfter = live.events[2]?.id as string;
      const rest = await follow(jar, runId, harness.baseUrl, resumeAfter);
      expect(rest.events).toEqual(live.events.slice(3));
      // Resuming after the final status, or after an id the stream never reached, ends at once.
      for (const after of [live.events.at(-1)?.id as string, '99999999999999-0'])
        expect((await follow(jar, runId, harness.baseUrl, after)).events).toEqual([]);

      await otherApi.waitForLog('api listening');
      const fromOther = await follow(jar, runId, `http://127.0.0.1:${port}`);
      expect(fromOther.events).toEqual(live.events);
    } finally {
      otherApi.kill();
      await otherApi.finished;
      await listener.close();
    }
  });

  it('refuses a bad config with field errors and charges nothing', async () => {
    const jar = await signedInUser();
    const bad = await launch(jar, 'port-scan', { ports: '99999', bogus: true, concurrency: 0 });
    expect(bad.status).toBe(422);
    const pointers = (bad.body['errors'] as { pointer: string }[]).map((error) => error.pointer).sort();
    expect(pointers).toEqual(['/config/bogus', '/config/concurrency', '/config/ports', '/config/target']);
    const tooLong = await launch(jar, 'port-scan', { target: '127.0.0.1' }, randomUUID(), {
      timeoutSeconds: 5000,
    });
    expect(tooLong.body).toMatchObject({ status: 422, errors: [{ pointer: '/timeoutSeconds' }] });
    expect((await launch(jar, 'no-such-tool', {})).status).toBe(404);
    expect(await balance(jar)).toMatchObject({ total: 10, reserved: 0 });
  });

  it('answers a reused idempotency key with other settings with 409', async () => {
    const jar = await signedInUser();
    const key = randomUUID();
    const listener = await tcpListener();
    try {
      expect(
        (await launch(jar, 'port-scan', { target: '127.0.0.1', ports: `${listener.port}` }, key)).status,
      ).toBe(201);
      const reused = await launch(jar, 'port-scan', { target: '127.0.0.1', ports: '1-10' }, key);
      expect(reused.body).toMatchObject({ status: 409, code: 'idempotency_key_reused' });
    } finally {
      await listener.close();
    }
  });

  it('launches with an Idempotency-Key header alone: a retry gets the first answer, another request 422', async () => {
    const email = `header-${randomUUID().slice(0, 8)}@example.com`;
    const user = await harness.createUser(email);
    const jar = await harness.signIn(email);
    const listener = await tcpListener();
    try {
      const key = randomUUID();
      const withHeader = (ports: string, headerKey: string = key) =>
        harness.call('/api/tools/port-scan/runs', {
          method: 'POST',
          jar,
          csrf: true,
          headers: { 'idempotency-key': headerKey },
          json: { config: { target: '127.0.0.1', ports } },
        });
      const first = await withHeader(`${listener.port}`);
      expect(first.status).toBe(201);
      const retry = await withHeader(`${listener.port}`);
      expect(retry.status).toBe(201); // the first answer, replayed
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body['id']).toBe(first.body['id']);
      const other = await withHeader('1-10');
      expect(other.body).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
      expect((await withHeader('1-10', 'not a key!')).body).toMatchObject({
        status: 422,
        errors: [{ field: 'Idempotency-Key' }],
      });
      const noKey = await harness.call('/api/tools/port-scan/runs', {
        method: 'POST',
        jar,
        csrf: true,
        json: { config: { target: '127.0.0.1', ports: '1-10' } },
      });
      expect(noKey.body).toMatchObject({ status: 422, errors: [{ pointer: '/idempotencyKey' }] });

      await follow(jar, String(first.body['id']));
      expect(await balance(jar)).toMatchObject({ total: 8, reserved: 0 }); // charged once
      // The operator's check agrees, and finds a tampered bucket.
      const env = envFor(config, RUN_ENV);
      const healthy = await runCli(['credits:check', '--user', user.id], env);
      expect(healthy).toMatchObject({ code: 0, stdout: expect.stringContaining('credits are consistent') });
      await harness.em
        .fork()
        .execute('update credit_buckets set remaining = remaining + 1 where user_id = ?', [user.id]);
      const tampered = await runCli(['credits:check', '--user', user.id], env);
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toMatch(
        new RegExp(`ledger +user ${user.id}: ledger sums to 8 while the buckets hold 9`),
      );
      await harness.em
        .fork()
        .execute('update credit_buckets set remaining = remaining - 1 where user_id = ?', [user.id]);
    } finally {
      await listener.close();
    }
  });

  it('cancels a running nmap: its whole process group is gone and the credits come back', async () => {
    const jar = await signedInUser();
    const launched = await launch(jar, 'nmap', { target: '127.0.0.1', ports: '1-65535', timing: 'T2' });
    expect(launched.status).toBe(201);
    const runId = String(launched.body['id']);
    await waitForLine(jar, runId, /Nmap/);
    expect(processesOf(runId).length).toBeGreaterThan(0);
    expect(await balance(jar)).toMatchObject({ total: 6 });

    const cancel = await harness.call(`/api/runs/${runId}/cancel`, { method: 'POST', jar, csrf: true });
    expect(cancel.body).toMatchObject({ cancelRequested: true });
    const { events } = await follow(jar, runId);
    expect(JSON.parse(events.at(-1)?.data ?? '{}')).toMatchObject({ status: 'cancelled' });
    expect(processesOf(runId)).toEqual([]);
    expect(await balance(jar)).toMatchObject({ total: 10, reserved: 0 });
    // Cancelling again changes nothing.
    expect(
      (await harness.call(`/api/runs/${runId}/cancel`, { method: 'POST', jar, csrf: true })).body,
    ).toMatchObject({ status: 'cancelled' });
  });

  it('stops a run at its time limit and marks it timed out, keeping the charge', async () => {
    const jar = await signedInUser();
    const site = await slowWebServer(200, ['/admin']);
    try {
      const launched = await launch(jar, 'path-discovery', { url: site.url, concurrency: 1 }, randomUUID(), {
        timeoutSeconds: 10,
      });
      const { events } = await follow(jar, String(launched.body['id']));
      const final = JSON.parse(events.at(-1)?.data ?? '{}');
      expect(final).toMatchObject({ status: 'timed_out' });
      expect(final.error).toMatch(/10-second time limit/);
      expect(await balance(jar)).toMatchObject({ total: 7, reserved: 0 });
    } finally {
      site.close();
    }
  });

  it("holds each user to the plan's number of active runs", async () => {
    const jar = await signedInUser();
    const site = await slowWebServer(300);
    try {
      const ids: string[] = [];
      for (let index = 0; index < 2; index++) {
        const launched = await launch(jar, 'path-discovery', { url: site.url, concurrency: 1 });
        expect(launched.status).toBe(201);
        ids.push(String(launched.body['id']));
      }
      const third = await launch(jar, 'path-discovery', { url: site.url, concurrency: 1 });
      expect(third.body).toMatchObject({ status: 429, code: 'too_many_active_runs' });
      expect(await balance(jar)).toMatchObject({ total: 4 });
      for (const id of ids) await harness.call(`/api/runs/${id}/cancel`, { method: 'POST', jar, csrf: true });
      for (const id of ids) await follow(jar, id);
      expect(await balance(jar)).toMatchObject({ total: 10, reserved: 0 });
    } finally {
      site.close();
    }
  });

  it("keeps each user's runs to themselves", async () => {
    const owner = await signedInUser();
    const other = await signedInUser();
    const listener = await tcpListener();
    try {
      const run = await launch(owner, 'port-scan', { target: '127.0.0.1', ports: `${listener.port}` });
      const runId = String(run.body['id']);
      await follow(owner, runId);
      for (const path of ['', '/results', '/log', '/stream'])
        expect((await harness.call(`/api/runs/${runId}${path}`, { jar: other })).status).toBe(404);
      expect(
        (await harness.call(`/api/runs/${runId}/cancel`, { method: 'POST', jar: other, csrf: true })).status,
      ).toBe(404);
      expect((await harness.call('/api/runs', { jar: other })).body).toMatchObject({
        items: [],
        page: { total: 0 },
      });
      const mine = await harness.call(`/api/runs?toolId=port-scan&status=succeeded&target=127.0`, {
        jar: owner,
      });
      expect(mine.body).toMatchObject({ items: [{ id: runId }], page: { total: 1 } });
    } finally {
      await listener.close();
    }
  });

  it('leaves the books balanced for every user of the suite, whatever their runs are doing', async () => {
    // Runs and their credits commit together, so this holds at any moment, not only once runs end.
    expect(await harness.api.get(CreditsInvariant).check()).toEqual([]);
  });
});

describe('the target policy, as deployed (private targets refused)', () => {
  let harness: SignedInHarness;
  let jar: CookieJar;

  beforeAll(async () => {
    harness = await startSignedInHarness('runs_policy_e2e');
    await harness.createUser('policy@example.com');
    jar = await harness.signIn('policy@example.com');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const launch = (toolId: string, toolConfig: unknown) =>
    harness.call(`/api/tools/${toolId}/runs`, {
      method: 'POST',
      jar,
      csrf: true,
      json: { config: toolConfig, idempotencyKey: randomUUID() },
    });

  it.each([
    ['port-scan', { target: '127.0.0.1' }, '/config/target', /loopback/],
    ['port-scan', { target: '10.1.2.3' }, '/config/target', /private/],
    ['port-scan', { target: '169.254.169.254' }, '/config/target', /link-local/],
    ['port-scan', { target: '::ffff:192.168.1.1' }, '/config/target', /private/],
    ['http-probe', { url: 'http://localhost:8080/' }, '/config/url', /localhost resolves to .*loopback/],
    ['dns-records', { domain: 'example.com', resolver: '192.168.0.53' }, '/config/resolver', /private/],
  ])('refuses %s on %j', async (toolId, toolConfig, pointer, detail) => {
    const refused = await launch(toolId, toolConfig);
    expect(refused.status).toBe(422);
    const errors = refused.body['errors'] as { pointer: string; detail: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]?.pointer).toBe(pointer);
    expect(errors[0]?.detail).toMatch(detail);
    expect((await harness.call('/api/credits/balance', { jar })).body).toMatchObject({
      total: 10,
      reserved: 0,
    });
  });
});
