import {
  ACCESS_REFUSAL_CODES,
  describeExpected,
  expectedAccess,
  MATRIX_PRINCIPALS,
  type MatrixPrincipal,
} from '@huntkit/api/core';
import { randomUUID } from 'node:crypto';
import { type OwnershipContext, OWNED_RESOURCES, SHARED_PATHS } from './access/owned-resources';
import { type Credentials, MatrixPrincipals } from './access/principals';
import {
  type CallOptions,
  type CallResult,
  type SignedInHarness,
  startSignedInHarness,
} from './signed-in-harness';
import { GithubStandIn } from './stand-ins/identity-providers';
import { type Operation, readOperations } from './openapi-operations';

/**
 * The access matrix: every operation of the committed spec called as every kind of caller, each
 * answer checked against the route's declared policy (its `x-access`, which docs/access-matrix.md
 * tabulates); then every resource a user owns, called by another user with the owner's real ids.
 * Both lists come from the spec, so tomorrow's endpoints are checked tomorrow.
 */
const APP_URL = 'http://127.0.0.1:4399';

/** Fills a path with ids that name nothing (or the given ones), and sends the rest well-formed. */
function requestFor(operation: Operation, ids: Record<string, string> = {}) {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(
      ids[name] ?? (name === 'provider' ? 'github' : name === 'version' ? '1' : randomUUID()),
    ),
  );
  const idempotent = operation.parameters.some((parameter) => parameter.name === 'Idempotency-Key');
  const options: CallOptions = {
    method: operation.method,
    headers: idempotent ? { 'idempotency-key': randomUUID() } : {},
    ...(operation.body ? { json: {} } : {}),
    redirect: 'manual',
  };
  return [path, options] as const;
}

/** Sends `operation` with the caller's credentials. */
function send(harness: SignedInHarness, operation: Operation, credentials: Credentials, ids = {}) {
  const [path, options] = requestFor(operation, ids);
  return harness.call(path, { ...options, ...credentials });
}

/**
 * The access guard's refusal in an answer, if it is one. A public route may answer 401 on its own
 * (refreshing without a session), so only the guard's codes count there; on a protected route any 401
 * means the caller did not get through.
 */
function refusalOf(answer: CallResult, isPublic: boolean): string | null {
  const code = String(answer.body['code'] ?? '');
  const byGuard = (ACCESS_REFUSAL_CODES as readonly string[]).includes(code);
  return byGuard || (answer.status === 401 && !isPublic) ? `${answer.status} ${code}` : null;
}

describe('the access matrix: every operation × every caller, and ownership', () => {
  let harness: SignedInHarness;
  let principals: MatrixPrincipals;
  const github = new GithubStandIn();
  const { operations } = readOperations();

  beforeAll(async () => {
    await github.start('gh-client', 'gh-secret');
    harness = await startSignedInHarness('access_matrix_e2e', {
      APP_URL,
      RATE_LIMIT_PER_MINUTE: '100000',
      TOOL_TARGETS_ALLOW_PRIVATE: 'true',
      GITHUB_CLIENT_ID: 'gh-client',
      GITHUB_CLIENT_SECRET: 'gh-secret',
      GITHUB_URL: github.url.web,
      GITHUB_API_URL: github.url.api,
    });
    principals = new MatrixPrincipals(harness);
  });

  afterAll(async () => {
    await harness?.close();
    await github.stop();
  });

  it('states a policy for every operation and documents every path parameter', () => {
    const undeclared = operations.filter((operation) => !operation.access).map((operation) => operation.id);
    const undocumented = operations.flatMap((operation) =>
      [...operation.path.matchAll(/\{(\w+)\}/g)]
        .map((match) => match[1] ?? '')
        .filter((name) => !operation.parameters.some((parameter) => parameter.name === name))
        .map((name) => `${operation.id}: {${name}}`),
    );
    expect({ undeclared, undocumented }).toEqual({ undeclared: [], undocumented: [] });
  });

  it('answers every caller what the policy says, on every operation', async () => {
    const mismatches: string[] = [];
    const table: string[][] = [];
    for (const operation of operations) {
      const access = operation.access;
      if (!access) continue; // the test above names it
      const scope = access.policy === 'public' ? undefined : access.tokenScope;
      const row = [`${operation.method} ${operation.path}`];
      for (const principal of MATRIX_PRINCIPALS) {
        const credentials = await principals.credentials(principal, scope);
        const answer = await send(harness, operation, credentials);
        row.push(String(answer.status));
        const expected = expectedAccess(access, principal);
        const refusal = refusalOf(answer, access.policy === 'public');
        const wanted = expected.allowed ? null : describeExpected(expected);
        if (refusal !== wanted)
          mismatches.push(
            `${principal.id} ${operation.method} ${operation.path}: expected ${wanted ?? 'to get through'}, got ${answer.status} ${String(answer.body['code'] ?? '')}`,
          );
      }
      table.push(row);
    }
    console.log(printTable(['operation', ...MATRIX_PRINCIPALS.map(shortName)], table));
    expect(mismatches).toEqual([]);
  });

  it('answers 404 to a second user on every resource of the first, and leaves it unchanged', async () => {
    const context: OwnershipContext = { harness, appUrl: APP_URL, github };
    const owned = (operation: Operation) =>
      OWNED_RESOURCES.find((resource) => operation.path.startsWith(resource.path));
    const unclaimed = operations
      .filter((operation) => operation.path.includes('{'))
      .filter(
        (operation) =>
          !owned(operation) && !Object.keys(SHARED_PATHS).some((path) => operation.path.startsWith(path)),
      )
      .map((operation) => `${operation.method} ${operation.path}`);
    // A new path parameter must say whose it is: an entry in OWNED_RESOURCES, or in SHARED_PATHS.
    expect({ unclaimed }).toEqual({ unclaimed: [] });

    const failures: string[] = [];
    let checked = 0;
    for (const resource of OWNED_RESOURCES) {
      const [owner, other] = [await freshUser(), await freshUser()];
      const id = await resource.create(context, owner.jar ?? fail('no session'));
      const param = /\{(\w+)\}$/.exec(resource.path)?.[1] ?? '';
      const before = await resource.view(context, owner.jar ?? fail('no session'), id);
      const targets = operations.filter(
        (operation) => owned(operation) === resource && !resource.notActingOnIt?.[operation.id],
      );
      for (const operation of targets) {
        const answer = await send(harness, operation, other, { [param]: id });
        checked += 1;
        if (answer.status === 404) continue;
        // A request refused before any lookup (a body that fails validation) says nothing about the
        // resource, as long as it gets the same answer with an id that names nothing.
        const nothing = await send(harness, operation, other, { [param]: randomUUID() });
        if (answer.status < 400 || answer.status !== nothing.status)
          failures.push(`${operation.method} ${operation.path} with the owner's ${param}: ${answer.status}`);
      }
      const after = await resource.view(context, owner.jar ?? fail('no session'), id);
      if (JSON.stringify(after) !== JSON.stringify(before))
        failures.push(`${resource.path}: the owner's resource changed after another user's requests`);
    }
    console.log(
      `ownership: ${checked} requests by a second user on ${OWNED_RESOURCES.length} kinds of resource`,
    );
    expect(failures).toEqual([]);
  });

  async function freshUser(): Promise<Credentials> {
    const email = `owner-${randomUUID().slice(0, 8)}@example.com`;
    await harness.createUser(email);
    return { jar: await harness.signIn(email), csrf: true };
  }
});

function fail(message: string): never {
  throw new Error(message);
}

function shortName(principal: MatrixPrincipal): string {
  return principal.id;
}

function printTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  return ['access matrix (HTTP status per caller)', line(header), ...rows.map(line)].join('\n');
}
