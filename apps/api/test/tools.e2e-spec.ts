import { APP_CONFIG, type AppConfig, REDIS } from '@huntkit/api/core';
import { TOOL_REGISTRY } from '@huntkit/api/tools';
import type { Redis } from 'ioredis';
import type { CookieJar } from './cookie-jar';
import { startSignedInHarness, type SignedInHarness } from './signed-in-harness';

interface Tool {
  id: string;
  cost: number;
  category: string;
  enabled: boolean;
  unavailableReason: string | null;
  configSchema: { properties: Record<string, unknown> };
}

describe('the tool catalog over HTTP', () => {
  let harness: SignedInHarness;
  let admin: CookieJar;

  beforeAll(async () => {
    harness = await startSignedInHarness('tools_e2e');
    await harness.createUser('toolsadmin@example.com', { roles: ['user', 'admin'] });
    admin = await harness.signIn('toolsadmin@example.com');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const tools = async () => (await harness.call('/api/tools')).body as unknown as Tool[];
  const categoryCount = async (id: string) =>
    (
      (await harness.call('/api/tools/categories')).body as unknown as { id: string; toolCount: number }[]
    ).find((category) => category.id === id)?.toolCount;
  const configure = (toolId: string, json: unknown, jar = admin) =>
    harness.call(`/api/admin/tools/${toolId}`, { method: 'PATCH', jar, csrf: true, json });

  it('lists every tool from its definition, with its form schema, and says when a program is missing', async () => {
    const listed = await tools();
    expect(listed.map((tool) => tool.id)).toEqual(TOOL_REGISTRY.map((tool) => tool.id));
    const portScan = listed.find((tool) => tool.id === 'port-scan');
    expect(portScan).toMatchObject({ cost: 2, category: 'network', enabled: true, unavailableReason: null });
    expect(Object.keys(portScan?.configSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['target', 'ports', 'concurrency']),
    );
    // No worker runs in this suite, so nobody has reported nmap yet.
    const nmap = listed.find((tool) => tool.id === 'nmap');
    expect(nmap?.unavailableReason).toBe('nmap is not installed on any running worker.');
    expect(await categoryCount('network')).toBe(2);
    expect((await harness.call('/api/tools/no-such-tool')).body).toMatchObject({
      status: 404,
      code: 'tool_not_found',
    });
  });

  it('shows a wrapped program as available while a worker reports it', async () => {
    const prefix = harness.api.get<AppConfig>(APP_CONFIG).redis.prefix;
    const redis = harness.api.get<Redis>(REDIS);
    await redis.set(`${prefix}:tools:program:ffuf`, '1', 'PX', 60_000);
    try {
      const listed = await tools();
      expect(listed.find((tool) => tool.id === 'ffuf')?.unavailableReason).toBeNull();
      expect(listed.find((tool) => tool.id === 'nmap')?.unavailableReason).not.toBeNull();
    } finally {
      await redis.del(`${prefix}:tools:program:ffuf`);
    }
  });

  it('lets an admin switch a tool off and change its cost, audited, and nobody else', async () => {
    expect((await configure('cors-check', { enabled: false })).body).toMatchObject({
      enabled: false,
      unavailableReason: 'Switched off by an admin.',
    });
    expect((await tools()).map((tool) => tool.id)).not.toContain('cors-check');
    expect(await categoryCount('headers')).toBe(1);
    expect((await configure('cors-check', { enabled: true, cost: 5 })).body).toMatchObject({
      enabled: true,
      cost: 5,
    });
    expect((await tools()).find((tool) => tool.id === 'cors-check')?.cost).toBe(5);
    expect((await configure('cors-check', { cost: null })).body).toMatchObject({ cost: 1 });

    expect((await configure('cors-check', { cost: -1 })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'cost' }],
    });
    expect((await configure('nope', { enabled: false })).status).toBe(404);
    await harness.createUser('plain@example.com');
    const plain = await harness.signIn('plain@example.com');
    expect((await configure('cors-check', { enabled: false }, plain)).status).toBe(403);

    const audit = await harness.call('/api/admin/audit?action=tool.configured', { jar: admin });
    expect(audit.body).toMatchObject({ total: 3 });
    expect((audit.body['items'] as { details: unknown }[])[2]?.details).toEqual({
      toolId: 'cors-check',
      before: { enabled: true, cost: 1 },
      after: { enabled: false, cost: 1 },
    });
  });
});
