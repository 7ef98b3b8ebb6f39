import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { randomUUID } from 'node:crypto';
import { answerProblems } from './fuzz/answer-checks';
import { type FuzzRequest, malformedRequests } from './fuzz/malformed-requests';
import { type Operation, readOperations } from './openapi-operations';
import type { CookieJar } from './cookie-jar';
import { type SignedInHarness, startSignedInHarness } from './signed-in-harness';

/**
 * Every operation of the committed OpenAPI spec, fed malformed requests as each kind of caller. The
 * list comes from the spec, so an endpoint added tomorrow is fuzzed tomorrow; one the fuzzer cannot
 * reach fails the suite. FUZZ_GENERATED sets the fast-check values per body field, FUZZ_SEED the seed.
 */
const GENERATED = Number(process.env['FUZZ_GENERATED'] ?? 2);
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000);
/** FUZZ_OPERATIONS=login,updateMe fuzzes just those (while fixing what they found); coverage is then not checked. */
const ONLY = process.env['FUZZ_OPERATIONS']?.split(',').filter(Boolean);

/** Tables a refused request may still write to, and why. */
const WRITTEN_WHEN_REFUSED = new Set([
  'login_events', // a failed sign-in is recorded for the account's security history
]);

type Principal = 'anonymous' | 'user' | 'admin' | 'token';

describe('fuzzing every operation of the OpenAPI spec', () => {
  let harness: SignedInHarness;
  let config: AppConfig;
  const jars: Partial<Record<Principal, CookieJar>> = {};
  let token = '';
  let countRows: () => Promise<Record<string, number>>;

  beforeAll(async () => {
    harness = await startSignedInHarness('fuzz_e2e', { RATE_LIMIT_PER_MINUTE: '100000' });
    config = harness.api.get<AppConfig>(APP_CONFIG);
    const tables = await harness.em
      .fork()
      .execute<
        { table_name: string }[]
      >(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    const counts = tables.map(({ table_name }) => `'${table_name}', (select count(*) from "${table_name}")`);
    countRows = async () => {
      const [row] = await harness.em
        .fork()
        .execute<
          { counts: Record<string, number> }[]
        >(`select json_build_object(${counts.join(', ')}) as counts`);
      return row?.counts ?? {};
    };
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** A caller that is signed in (again, when fuzzing ended its session) and holds an API token. */
  async function ready(principal: Principal): Promise<void> {
    if (principal === 'anonymous') return;
    const jar = principal === 'token' ? jars.user : jars[principal];
    if (jar && (await harness.call('/api/me', { jar })).status === 200) {
      if (principal !== 'token' || (await harness.call('/api/me', { bearer: token })).status === 200) return;
    }
    const role = principal === 'admin' ? 'admin' : 'user';
    const email = `fuzz-${role}-${randomUUID().slice(0, 8)}@example.com`;
    await harness.createUser(email, { roles: role === 'admin' ? ['user', 'admin'] : ['user'] });
    const signedIn = await harness.signIn(email);
    if (principal === 'admin') jars.admin = signedIn;
    else jars.user = signedIn;
    if (principal !== 'token') return;
    const created = await harness.call('/api/me/api-tokens', {
      method: 'POST',
      jar: signedIn,
      csrf: true,
      json: {
        name: 'fuzz',
        scopes: ['account:read', 'tools:read', 'runs:read', 'runs:write', 'credits:read'],
      },
    });
    token = String(created.body['token']);
  }

  async function send(principal: Principal, operation: Operation, request: FuzzRequest) {
    const jar = principal === 'anonymous' || principal === 'token' ? undefined : jars[principal];
    const response = await harness.call(`${request.path}${request.query ? `?${request.query}` : ''}`, {
      method: operation.method,
      jar,
      csrf: Boolean(jar),
      ...(principal === 'token' ? { bearer: token } : {}),
      headers: request.contentType ? { 'content-type': request.contentType } : {},
      body: request.body,
      redirect: 'manual',
    });
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
  }

  it(`answers every malformed request cleanly, writes nothing when it refuses (seed ${SEED})`, async () => {
    const all = readOperations();
    const { resolve } = all;
    const operations = ONLY
      ? all.operations.filter((operation) => ONLY.includes(operation.id))
      : all.operations;
    const covered = new Set<string>();
    const failures: string[] = [];
    let sent = 0;
    const secrets = [config.secrets.app];
    for (const principal of ['anonymous', 'user', 'admin', 'token'] as const) {
      for (const operation of operations) {
        await ready(principal);
        const requests = malformedRequests(operation, resolve, {
          generated: GENERATED,
          seed: SEED,
          bodyLimitBytes: config.http.bodyLimitBytes,
        });
        let before = await countRows();
        for (const request of requests) {
          const answer = await send(principal, operation, request);
          sent += 1;
          covered.add(operation.id);
          const where = `${principal} ${operation.method} ${request.path.slice(0, 120)}${request.query ? `?${request.query.slice(0, 60)}` : ''} [${request.label}] → ${answer.status}`;
          for (const problem of answerProblems(answer, secrets)) failures.push(`${where}: ${problem}`);
          const after = await countRows();
          if (answer.status >= 400) {
            const written = Object.keys(after).filter(
              (table) => after[table] !== before[table] && !WRITTEN_WHEN_REFUSED.has(table),
            );
            if (written.length) failures.push(`${where}: refused, yet wrote to ${written.join(', ')}`);
          }
          before = after;
        }
      }
    }
    const uncovered = operations
      .filter((operation) => !covered.has(operation.id))
      .map((operation) => operation.id);
    expect({ uncovered }).toEqual({ uncovered: [] });
    expect((await harness.call('/api/health/ready')).status).toBe(200);
    console.log(`fuzz: ${operations.length} operations, ${sent} requests, seed ${SEED}`);
    expect(failures.slice(0, 60)).toEqual([]);
  });
});
