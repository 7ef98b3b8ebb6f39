import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { CreditsService } from '@huntkit/api/credits';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CookieJar } from './cookie-jar';
import { envFor, type RunningProcess, startBuilt } from './processes';
import { closedPort, slowWebServer } from './run-targets';
import { startSignedInHarness, type SignedInHarness } from './signed-in-harness';
import { readEvents } from './sse-client';

const STORAGE = mkdtempSync(join(tmpdir(), 'huntkit-workflows-e2e-'));
const RUN_ENV = { TOOL_TARGETS_ALLOW_PRIVATE: 'true', RUN_STORAGE_DIR: STORAGE, RUN_STALL_SECONDS: '2' };

interface NodeState {
  nodeId: string;
  status: string;
  reason: string | null;
  runIds: string[];
  itemCount: number;
  cost: number;
}
interface WorkflowRunState {
  id: string;
  status: string;
  cost: number;
  nodes: NodeState[];
}

const position = { x: 0, y: 0 };
const hosts = (id: string, targets: string[]) => ({ id, type: 'input', kind: 'host', targets, position });
const tool = (id: string, toolId: string, config: Record<string, unknown> = {}) => ({
  id,
  type: 'tool',
  toolId,
  config,
  position,
});
const edge = (source: string, kind: string, target: string) => ({
  id: `${source}-${target}`,
  source,
  kind,
  target,
});

describe('workflow runs on real workers', () => {
  let harness: SignedInHarness;
  let config: AppConfig;
  let worker: RunningProcess;
  let web: Awaited<ReturnType<typeof slowWebServer>>;
  let webPort: number;

  beforeAll(async () => {
    harness = await startSignedInHarness('workflow_runs_e2e', RUN_ENV);
    config = harness.api.get<AppConfig>(APP_CONFIG);
    worker = startBuilt('worker', envFor(config, RUN_ENV));
    web = await slowWebServer(0, ['/']);
    webPort = Number(new URL(web.url).port);
    await worker.waitForLog('worker ready');
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    web?.close();
    await harness?.close();
    rmSync(STORAGE, { recursive: true, force: true });
  });

  async function signedInUser(credits = 0): Promise<{ jar: CookieJar; id: string }> {
    const email = `chain-${randomUUID().slice(0, 8)}@example.com`;
    const user = await harness.createUser(email, { roles: ['user'] });
    if (credits)
      await harness.api
        .get(CreditsService)
        .grant(user.id, { kind: 'grant', amount: credits, expiresAt: null, source: `test:${user.id}` });
    return { jar: await harness.signIn(email), id: user.id };
  }

  const call = (jar: CookieJar, method: string, path: string, json?: unknown) =>
    harness.call(path, { method, jar, csrf: true, json });

  async function save(jar: CookieJar, nodes: unknown[], edges: unknown[]): Promise<string> {
    const saved = await call(jar, 'POST', '/api/workflows', { name: 'chain', graph: { nodes, edges } });
    if (saved.status !== 201)
      throw new Error(`saving answered ${saved.status}: ${JSON.stringify(saved.body)}`);
    return String(saved.body['id']);
  }

  /** Follows the run's event stream until it says the run ended, then reads the run. */
  async function finished(jar: CookieJar, runId: string): Promise<WorkflowRunState> {
    const stream = await readEvents(
      `${harness.baseUrl}/api/workflow-runs/${runId}/stream`,
      { cookie: jar.header() },
      (event) => {
        if (event.event === 'snapshot')
          return (JSON.parse(event.data) as WorkflowRunState).status !== 'running';
        const change = JSON.parse(event.data) as { nodeId: string | null; status: string };
        return change.nodeId === null && change.status !== 'running';
      },
    );
    expect(stream.contentType).toContain('text/event-stream');
    return (await call(jar, 'GET', `/api/workflow-runs/${runId}`)).body as unknown as WorkflowRunState;
  }

  const launch = async (jar: CookieJar, workflowId: string, json: Record<string, unknown> = {}) => {
    const started = await call(jar, 'POST', `/api/workflows/${workflowId}/runs`, {
      idempotencyKey: randomUUID(),
      ...json,
    });
    expect(started.status).toBe(201);
    return String(started.body['id']);
  };
  const node = (run: WorkflowRunState, id: string) =>
    run.nodes.find((entry) => entry.nodeId === id) as NodeState;
  const toolRun = async (jar: CookieJar, id: string) => (await call(jar, 'GET', `/api/runs/${id}`)).body;
  const balance = async (jar: CookieJar) =>
    Number((await call(jar, 'GET', '/api/credits/balance')).body['total']);

  it('feeds each child its parent’s structured results, fanning out once per item', async () => {
    const { jar } = await signedInUser();
    const workflowId = await save(
      jar,
      [
        hosts('hosts', ['127.0.0.1']),
        tool('scan', 'port-scan', { ports: String(webPort) }),
        tool('probe', 'http-probe'),
        tool('headers', 'security-headers'),
      ],
      [edge('hosts', 'host', 'scan'), edge('scan', 'port', 'probe'), edge('probe', 'url', 'headers')],
    );
    const run = await finished(jar, await launch(jar, workflowId));
    expect(run.status).toBe('succeeded');
    expect(run.nodes.map((entry) => [entry.nodeId, entry.status])).toEqual([
      ['headers', 'succeeded'],
      ['hosts', 'succeeded'],
      ['probe', 'succeeded'],
      ['scan', 'succeeded'],
    ]);
    // The probe was given the port the scan found, as a URL: the result, not the scan's text.
    const probe = await toolRun(jar, node(run, 'probe').runIds[0] as string);
    expect((probe['config'] as { url: string }).url).toBe(`http://127.0.0.1:${webPort}`);
    const headers = await toolRun(jar, node(run, 'headers').runIds[0] as string);
    expect((headers['config'] as { url: string }).url).toBe(`http://127.0.0.1:${webPort}/`);
    // Port scan 2 + HTTP probe 1 + security headers 1, out of the 10 free daily credits.
    expect(run.cost).toBe(4);
    expect(await balance(jar)).toBe(6);
  });

  it('fans out over 5 hosts and lets a failed node stop only its own dependants', async () => {
    const { jar } = await signedInUser(20);
    const refused = await closedPort();
    const targets = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];
    const workflowId = await save(
      jar,
      [
        hosts('hosts', targets),
        tool('scan', 'port-scan', { ports: String(webPort) }),
        tool('broken', 'http-probe', { url: `http://127.0.0.1:${refused}/` }),
        tool('after', 'security-headers'),
      ],
      [edge('hosts', 'host', 'scan'), edge('broken', 'url', 'after')],
    );
    const run = await finished(jar, await launch(jar, workflowId));
    expect(run.status).toBe('failed');
    expect(node(run, 'scan')).toMatchObject({ status: 'succeeded', cost: 10 });
    const scanned = await Promise.all(node(run, 'scan').runIds.map((id) => toolRun(jar, id)));
    expect(scanned.map((entry) => entry['target']).sort()).toEqual(targets);
    expect(node(run, 'broken').status).toBe('failed');
    expect(node(run, 'after')).toMatchObject({
      status: 'skipped',
      reason: 'HTTP probe failed, so this did not run.',
    });
  });

  it('re-runs from cache: unchanged nodes cost nothing, changed ones run', async () => {
    const { jar } = await signedInUser(20);
    const refused = await closedPort();
    const nodes = [
      hosts('hosts', ['127.0.0.1']),
      tool('scan', 'port-scan', { ports: String(webPort) }),
      tool('probe', 'http-probe'),
    ];
    const edges = [edge('hosts', 'host', 'scan'), edge('scan', 'port', 'probe')];
    const workflowId = await save(jar, nodes, edges);
    const first = await finished(jar, await launch(jar, workflowId));
    expect([first.status, first.cost]).toEqual(['succeeded', 3]);
    const before = await balance(jar);

    const again = await finished(jar, await launch(jar, workflowId));
    expect([node(again, 'scan').status, node(again, 'probe').status, again.cost]).toEqual([
      'cached',
      'cached',
      0,
    ]);
    expect(node(again, 'probe').itemCount).toBe(node(first, 'probe').itemCount);
    expect(await balance(jar)).toBe(before);

    // Scanning one more (closed) port changes the scan; the probe gets the same open port, so it is reused.
    const current = (await call(jar, 'GET', `/api/workflows/${workflowId}`)).body;
    nodes[1] = tool('scan', 'port-scan', { ports: `${webPort},${refused}` });
    const saved = await call(jar, 'PUT', `/api/workflows/${workflowId}`, {
      name: 'chain',
      graph: { nodes, edges },
      version: current['version'],
    });
    expect(saved.body['version']).toBe(2);
    const changed = await finished(jar, await launch(jar, workflowId));
    expect([node(changed, 'scan').status, node(changed, 'probe').status, changed.cost]).toEqual([
      'succeeded',
      'cached',
      2,
    ]);

    const fresh = await finished(jar, await launch(jar, workflowId, { cacheMaxAgeHours: 0 }));
    expect([node(fresh, 'scan').status, node(fresh, 'probe').status, fresh.cost]).toEqual([
      'succeeded',
      'succeeded',
      3,
    ]);
  });

  /** Polls the run until `nodeId` has a tool run running (the stream says when, but a poll is simpler here). */
  async function whenRunning(jar: CookieJar, runId: string, nodeId: string): Promise<string> {
    for (;;) {
      const run = (await call(jar, 'GET', `/api/workflow-runs/${runId}`)).body as unknown as WorkflowRunState;
      const id = node(run, nodeId).runIds[0];
      if (id && (await toolRun(jar, id))['status'] === 'running') return id;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function untilNode(jar: CookieJar, runId: string, nodeId: string, status: string): Promise<void> {
    for (;;) {
      const run = (await call(jar, 'GET', `/api/workflow-runs/${runId}`)).body as unknown as WorkflowRunState;
      if (node(run, nodeId).status === status) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('cancels running nodes and releases the credits of everything that did not finish', async () => {
    const { jar } = await signedInUser();
    const slow = await slowWebServer(8_000, ['/']);
    try {
      const workflowId = await save(
        jar,
        [tool('probe', 'http-probe', { url: slow.url }), tool('headers', 'security-headers')],
        [edge('probe', 'url', 'headers')],
      );
      const before = await balance(jar);
      const runId = await launch(jar, workflowId);
      await whenRunning(jar, runId, 'probe');
      expect(await balance(jar)).toBe(before - 1); // the probe's credit is held while it runs
      const cancelled = await call(jar, 'POST', `/api/workflow-runs/${runId}/cancel`);
      expect([cancelled.status, cancelled.body['cancelRequested']]).toEqual([200, true]);
      const run = await finished(jar, runId);
      expect(run.status).toBe('cancelled');
      expect(run.nodes.map((entry) => entry.status)).toEqual(['cancelled', 'cancelled']);
      expect([run.cost, await balance(jar)]).toEqual([0, before]);
    } finally {
      slow.close();
    }
  });

  it('is finished by another worker when its worker dies, and resumes without re-running what finished', async () => {
    const { jar } = await signedInUser();
    const slow = await slowWebServer(5_000, ['/']);
    let replacement: RunningProcess | undefined;
    try {
      const workflowId = await save(
        jar,
        [
          hosts('hosts', ['127.0.0.1']),
          tool('scan', 'port-scan', { ports: String(webPort) }),
          tool('probe', 'http-probe', { url: slow.url }),
          tool('headers', 'security-headers'),
        ],
        [edge('hosts', 'host', 'scan'), edge('probe', 'url', 'headers')],
      );
      const runId = await launch(jar, workflowId);
      await whenRunning(jar, runId, 'probe');
      await untilNode(jar, runId, 'scan', 'succeeded');
      worker.kill('SIGKILL');
      replacement = startBuilt('worker', envFor(config, RUN_ENV));
      await replacement.waitForLog('worker ready');
      // The replacement takes the dead worker's run back once its lock lapses, ends it, and the
      // workflow goes on from Postgres: the probe failed, so only its dependant is skipped.
      const crashed = await finished(jar, runId);
      expect(crashed.status).toBe('failed');
      expect(node(crashed, 'scan').status).toBe('succeeded');
      expect(node(crashed, 'probe').status).toBe('failed');
      expect(node(crashed, 'headers').status).toBe('skipped');
      const scanRun = node(crashed, 'scan').runIds[0];

      const resumed = await call(jar, 'POST', `/api/workflow-runs/${runId}/resume`);
      expect([resumed.status, resumed.body['status'], resumed.body['attempt']]).toEqual([200, 'running', 2]);
      const done = await finished(jar, runId);
      expect(done.status).toBe('succeeded');
      expect(node(done, 'scan').runIds).toEqual([scanRun]); // not run again
      expect(node(done, 'headers').status).toBe('succeeded');
    } finally {
      slow.close();
      worker = replacement ?? worker;
    }
  });
});
