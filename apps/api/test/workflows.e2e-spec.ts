import { randomUUID } from 'node:crypto';
import type { CookieJar } from './cookie-jar';
import { startSignedInHarness, type SignedInHarness } from './signed-in-harness';

/** Scan → TLS inspection, fed from typed hosts: the smallest graph with a typed connection. */
const scanToTls = (targets = ['127.0.0.1']) => ({
  nodes: [
    { id: 'hosts', type: 'input', kind: 'host', targets, position: { x: 0, y: 0 } },
    { id: 'scan', type: 'tool', toolId: 'port-scan', config: { ports: '443' }, position: { x: 280, y: 0 } },
    { id: 'tls', type: 'tool', toolId: 'tls-inspect', config: {}, position: { x: 560, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'hosts', kind: 'host', target: 'scan' },
    { id: 'e2', source: 'scan', kind: 'port', target: 'tls' },
  ],
  viewport: { x: 10, y: 20, zoom: 0.8 },
});

describe('workflows over HTTP', () => {
  let harness: SignedInHarness;
  let jar: CookieJar;

  beforeAll(async () => {
    harness = await startSignedInHarness('workflows_e2e');
    await harness.createUser('chain@example.com');
    jar = await harness.signIn('chain@example.com');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const send = (method: string, path: string, json?: unknown, headers: Record<string, string> = {}) =>
    harness.call(path, { method, jar, csrf: true, json, headers });

  it('saves a workflow with its canvas, applies tool defaults, and prices it before it runs', async () => {
    const created = await send('POST', '/api/workflows', {
      name: 'Scan to TLS',
      graph: scanToTls(['127.0.0.1', 'localhost']),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Scan to TLS',
      version: 1,
      nodeCount: 3,
      toolIds: ['port-scan', 'tls-inspect'],
    });
    const graph = created.body['graph'] as ReturnType<typeof scanToTls>;
    expect(graph.viewport).toEqual({ x: 10, y: 20, zoom: 0.8 });
    // The TLS node's port default is applied; its target is left for the connection to fill.
    expect(graph.nodes[2]?.config).toEqual({ port: 443 });
    // Two scans at 2 credits are known; TLS runs depend on the ports found (up to its cap of 100).
    expect(created.body['cost']).toMatchObject({ exact: 4, upperBound: 4 + 100 });

    const listed = await send('GET', '/api/workflows');
    expect(listed.body['page']).toMatchObject({ total: 1 });
    expect((listed.body['items'] as { id: string }[])[0]?.id).toBe(created.body['id']);
  });

  it('refuses type errors and loops with 422 naming the nodes, and validates without saving', async () => {
    const graph = scanToTls();
    graph.edges.push({ id: 'e3', source: 'scan', kind: 'host', target: 'hosts' });
    graph.nodes.push({
      id: 'paths',
      type: 'tool',
      toolId: 'path-discovery',
      config: {},
      position: { x: 0, y: 200 },
    });
    graph.edges.push({ id: 'e4', source: 'scan', kind: 'port', target: 'paths' });
    const refused = await send('POST', '/api/workflows', { name: 'Broken', graph });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body['errors']).toEqual([
      expect.objectContaining({ pointer: '/graph/edges/2', code: 'into_input', nodeIds: ['scan', 'hosts'] }),
      expect.objectContaining({
        pointer: '/graph/edges/3',
        code: 'kind_not_accepted',
        nodeIds: ['scan', 'paths'],
        detail: 'Path discovery cannot take port results; it takes url.',
      }),
    ]);

    const loop = {
      nodes: [
        {
          id: 'a',
          type: 'tool',
          toolId: 'http-probe',
          config: { url: 'http://127.0.0.1/' },
          position: { x: 0, y: 0 },
        },
        { id: 'b', type: 'tool', toolId: 'http-probe', config: {}, position: { x: 0, y: 0 } },
      ],
      edges: [
        { id: 'ab', source: 'a', kind: 'url', target: 'b' },
        { id: 'ba', source: 'b', kind: 'url', target: 'a' },
      ],
    };
    const checked = await send('POST', '/api/workflows/validate', { graph: loop });
    expect(checked.status).toBe(200);
    expect(checked.body['valid']).toBe(false);
    expect(checked.body['problems']).toEqual([
      expect.objectContaining({ code: 'cycle', nodeIds: ['a', 'b'] }),
    ]);

    // Settings and targets get the Tools page's own checks, pointing into the graph.
    const settings = scanToTls(['not a host!']);
    settings.nodes[1] = {
      ...settings.nodes[1],
      config: { ports: '0-99999' },
    } as (typeof settings.nodes)[number];
    const bad = await send('POST', '/api/workflows/validate', { graph: settings });
    expect((bad.body['problems'] as { pointer: string }[]).map((problem) => problem.pointer)).toEqual([
      '/nodes/0/targets/0',
      '/nodes/1/config/ports',
    ]);
    expect((await send('GET', '/api/workflows')).body['page']).toMatchObject({ total: 1 });
  });

  it('makes a new version when the graph changes, keeps old ones, and refuses a stale save', async () => {
    const created = await send('POST', '/api/workflows', { name: 'Versions', graph: scanToTls() });
    const id = String(created.body['id']);
    const renamed = await send('PUT', `/api/workflows/${id}`, {
      name: 'Renamed',
      graph: created.body['graph'],
      version: 1,
    });
    expect(renamed.body).toMatchObject({ name: 'Renamed', version: 1 }); // a rename alone keeps the version

    const moved = scanToTls();
    moved.nodes[0] = { ...moved.nodes[0], position: { x: 40, y: 40 } } as (typeof moved.nodes)[number];
    const saved = await send('PUT', `/api/workflows/${id}`, { name: 'Renamed', graph: moved, version: 1 });
    expect([saved.status, saved.body['version']]).toEqual([200, 2]);
    // The same save again (a retry) changes nothing, even though it names version 1.
    const retried = await send('PUT', `/api/workflows/${id}`, { name: 'Renamed', graph: moved, version: 1 });
    expect([retried.status, retried.body['version']]).toEqual([200, 2]);
    // A different change made from version 1 would lose version 2: refused.
    const stale = await send('PUT', `/api/workflows/${id}`, {
      name: 'Renamed',
      graph: scanToTls(['10.0.0.1']),
      version: 1,
    });
    expect([stale.status, stale.body['code'], stale.body['currentVersion']]).toEqual([
      409,
      'workflow_version_conflict',
      2,
    ]);

    const first = await send('GET', `/api/workflows/${id}/versions/1`);
    expect((first.body['nodes'] as { position: unknown }[])[0]?.position).toEqual({ x: 0, y: 0 });
    expect((await send('GET', `/api/workflows/${id}/versions/3`)).status).toBe(404);

    expect((await send('DELETE', `/api/workflows/${id}`)).status).toBe(204);
    expect((await send('GET', `/api/workflows/${id}`)).status).toBe(404);
    expect((await send('DELETE', `/api/workflows/${id}`)).status).toBe(404);
  });

  it('exports a file a person can read and imports it back the same, refusing what is not one', async () => {
    const created = await send('POST', '/api/workflows', {
      name: 'Round trip',
      description: 'Kept in git',
      graph: scanToTls(),
    });
    const id = String(created.body['id']);
    const yaml = await send('GET', `/api/workflows/${id}/export`);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    expect(yaml.headers.get('content-disposition')).toBe('attachment; filename="round-trip.huntkit.yaml"');
    const text = String(yaml.body);
    expect(text).toMatch(
      /^format: huntkit\/workflow@1\nname: Round trip\ndescription: Kept in git\nnodes:\n/,
    );

    const imported = await send(
      'POST',
      '/api/workflows/import',
      { content: text },
      { 'idempotency-key': randomUUID() },
    );
    expect(imported.status).toBe(201);
    expect(imported.body['id']).not.toBe(id);
    expect(imported.body).toMatchObject({ name: 'Round trip', description: 'Kept in git', version: 1 });
    expect(imported.body['graph']).toEqual(created.body['graph']);

    const json = await send('GET', `/api/workflows/${id}/export?format=json`);
    const again = await send('POST', '/api/workflows/import', { content: JSON.stringify(json.body) });
    expect(again.body['graph']).toEqual(created.body['graph']);

    // An import is checked exactly like a save: here the tool does not exist.
    const unknown = await send('POST', '/api/workflows/import', {
      content: text.replace('toolId: tls-inspect', 'toolId: laser'),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body['errors']).toEqual([
      expect.objectContaining({
        field: 'content',
        code: 'unknown_tool',
        detail: 'nodes/2/toolId: There is no tool "laser".',
      }),
    ]);
    const notYaml = await send('POST', '/api/workflows/import', { content: 'format: [' });
    expect((notYaml.body['errors'] as { code: string }[])[0]?.code).toBe('file_unreadable');
  });

  it("keeps each user's workflows to them: another user's valid requests answer 404 and change nothing", async () => {
    const created = await send('POST', '/api/workflows', { name: 'Mine', graph: scanToTls() });
    const id = String(created.body['id']);
    await harness.createUser('other-chain@example.com');
    const other = await harness.signIn('other-chain@example.com');
    const as = (method: string, path: string, json?: unknown) =>
      harness.call(path, { method, jar: other, csrf: true, json });
    const answers = [
      await as('GET', `/api/workflows/${id}`),
      await as('PUT', `/api/workflows/${id}`, { name: 'Theirs', graph: scanToTls(), version: 1 }),
      await as('GET', `/api/workflows/${id}/export`),
      await as('GET', `/api/workflows/${id}/versions/1`),
      await as('DELETE', `/api/workflows/${id}`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
    expect((await as('GET', '/api/workflows')).body['page']).toMatchObject({ total: 0 });
    expect((await send('GET', `/api/workflows/${id}`)).body).toMatchObject({ name: 'Mine', version: 1 });
  });

  it('offers templates that pass their own checks, and reaches workflows with a scoped token only', async () => {
    const templates = await send('GET', '/api/workflow-templates');
    expect(templates.status).toBe(200);
    const list = templates.body as unknown as { id: string; graph: unknown }[];
    expect(list.map((template) => template.id)).toEqual([
      'subdomains-to-headers',
      'ports-to-tls',
      'probe-paths-cors',
    ]);
    for (const template of list) {
      const checked = await send('POST', '/api/workflows/validate', { graph: template.graph });
      expect([template.id, checked.body['problems']]).toEqual([template.id, []]);
    }

    const token = await send('POST', '/api/me/api-tokens', { name: 'read', scopes: ['workflows:read'] });
    const bearer = String(token.body['token']);
    expect((await harness.call('/api/workflows', { bearer })).status).toBe(200);
    const write = await harness.call('/api/workflows', {
      method: 'POST',
      bearer,
      json: { name: 'x', graph: scanToTls() },
    });
    expect([write.status, write.body['code']]).toEqual([403, 'insufficient_scope']);
  });
});
