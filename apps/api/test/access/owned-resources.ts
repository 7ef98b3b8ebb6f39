import { randomUUID } from 'node:crypto';
import type { CookieJar } from '../cookie-jar';
import type { SignedInHarness } from '../signed-in-harness';
import type { GithubStandIn } from '../stand-ins/identity-providers';
import { throughProvider } from '../stand-ins/provider-flow';

/** What a resource's tests need: the API, its configured APP_URL, and the GitHub stand-in. */
export interface OwnershipContext {
  harness: SignedInHarness;
  appUrl: string;
  github: GithubStandIn;
}

/**
 * A kind of resource one user creates and only they may see or touch. Every operation whose path
 * starts with `path` is called by a second user with the first user's real id, and must answer 404.
 */
export interface OwnedResource {
  /** The path up to the resource's id, as in the spec, e.g. `/api/runs/{runId}`. */
  path: string;
  /** Creates one as `owner`, answering its id as the owner's own responses give it. */
  create(context: OwnershipContext, owner: CookieJar): Promise<string>;
  /** What the owner sees of it: must be the same after the other user's attempts. */
  view(context: OwnershipContext, owner: CookieJar, id: string): Promise<unknown>;
  /** Operations under `path` that act on the caller's own data whatever the id (with the reason). */
  notActingOnIt?: Record<string, string>;
}

const json = async (context: OwnershipContext, path: string, jar: CookieJar) => {
  const answer = await context.harness.call(path, { jar });
  if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
  return answer.body as unknown;
};

/** A one-node workflow of the owner's, answering its id. */
async function saveWorkflow({ harness }: OwnershipContext, owner: CookieJar): Promise<string> {
  const created = await harness.call('/api/workflows', {
    method: 'POST',
    jar: owner,
    csrf: true,
    json: {
      name: 'owned',
      graph: {
        nodes: [
          {
            id: 'probe',
            type: 'tool',
            toolId: 'http-probe',
            config: { url: 'http://127.0.0.1/' },
            position: { x: 0, y: 0 },
          },
        ],
        edges: [],
      },
    },
  });
  if (created.status !== 201) throw new Error(`saving a workflow answered ${created.status}`);
  return String(created.body['id']);
}

/**
 * Everything a user can create, named by its path. A new kind of resource (a report, a workflow…)
 * adds an entry here; until it does, the access-matrix suite fails on its path parameter.
 */
export const OWNED_RESOURCES: OwnedResource[] = [
  {
    path: '/api/runs/{runId}',
    async create({ harness }, owner) {
      // No worker runs in the matrix suite: the run stays queued, which every run route can serve.
      const launched = await harness.call('/api/tools/port-scan/runs', {
        method: 'POST',
        jar: owner,
        csrf: true,
        headers: { 'idempotency-key': randomUUID() },
        json: { config: { target: '127.0.0.1', ports: '9' } },
      });
      if (launched.status !== 201) throw new Error(`launching a run answered ${launched.status}`);
      return String(launched.body['id']);
    },
    view: (context, owner, id) => json(context, `/api/runs/${id}`, owner),
  },
  {
    path: '/api/me/api-tokens/{tokenId}',
    async create({ harness }, owner) {
      const created = await harness.call('/api/me/api-tokens', {
        method: 'POST',
        jar: owner,
        csrf: true,
        json: { name: 'owned', scopes: ['tools:read'] },
      });
      if (created.status !== 201) throw new Error(`creating a token answered ${created.status}`);
      return String(created.body['id']);
    },
    view: (context, owner) => json(context, '/api/me/api-tokens', owner),
  },
  {
    path: '/api/me/sessions/{sessionId}',
    async create(context, owner) {
      const sessions = (await json(context, '/api/me/sessions', owner)) as { id: string; current: boolean }[];
      const current = sessions.find((session) => session.current);
      if (!current) throw new Error('the owner has no current session');
      return current.id;
    },
    async view(context, owner) {
      const sessions = (await json(context, '/api/me/sessions', owner)) as { id: string }[];
      return sessions.map((session) => session.id);
    },
  },
  {
    path: '/api/me/connected-accounts/{provider}',
    async create(context, owner) {
      const { harness, appUrl, github } = context;
      github.signInAs({
        id: Math.floor(Math.random() * 1e9),
        login: `owner-${randomUUID().slice(0, 6)}`,
        name: null,
        emails: [{ email: `gh-${randomUUID().slice(0, 8)}@example.com`, primary: true, verified: true }],
      });
      const link = await harness.call('/api/me/connected-accounts/github', {
        method: 'POST',
        jar: owner,
        csrf: true,
      });
      await throughProvider(harness, appUrl, String(link.body['authorizationUrl']), owner);
      const listed = (await json(context, '/api/me/connected-accounts', owner)) as {
        providers: { provider: string; linked: boolean }[];
      };
      const linked = listed.providers.find((provider) => provider.linked);
      if (!linked) throw new Error('linking GitHub left the owner with no connected account');
      return linked.provider;
    },
    view: (context, owner) => json(context, '/api/me/connected-accounts', owner),
    notActingOnIt: {
      startLinkingProvider: "starts linking the caller's own account to the provider",
    },
  },
  {
    path: '/api/workflows/{workflowId}',
    create: (context, owner) => saveWorkflow(context, owner),
    view: (context, owner, id) => json(context, `/api/workflows/${id}`, owner),
  },
  {
    path: '/api/workflow-runs/{workflowRunId}',
    async create(context, owner) {
      const workflowId = await saveWorkflow(context, owner);
      // No worker runs in the matrix suite: the run stays running, which every run route can serve.
      const started = await context.harness.call(`/api/workflows/${workflowId}/runs`, {
        method: 'POST',
        jar: owner,
        csrf: true,
        json: { idempotencyKey: randomUUID() },
      });
      if (started.status !== 201) throw new Error(`running a workflow answered ${started.status}`);
      return String(started.body['id']);
    },
    view: (context, owner, id) => json(context, `/api/workflow-runs/${id}`, owner),
  },
];

/** Path parameters that name something shared rather than a user's own data, with the reason. */
export const SHARED_PATHS: Record<string, string> = {
  '/api/tools/{toolId}': 'the tool catalog is the same for everyone',
  '/api/admin/tools/{toolId}': 'admins configure the shared catalog (role-checked in the matrix)',
  '/api/admin/users/{userId}': 'admins act on any account (role-checked in the matrix)',
  '/api/auth/{provider}': "names a sign-in provider, not anyone's data",
  '/api/health/probes/{id}': 'worker probes are public diagnostics, found only by their random id',
};
