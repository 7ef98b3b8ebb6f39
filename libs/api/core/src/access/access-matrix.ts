import type { ApiTokenScope, Role } from './access-policy';

/**
 * Who may call an operation, as the OpenAPI spec states it in each operation's `x-access`: the
 * route's declared policy and, when API tokens may call it, the scope they need.
 */
export type OperationAccess =
  | { policy: 'public' }
  | { policy: 'signed-in'; tokenScope?: ApiTokenScope }
  | { policy: 'roles'; roles: Role[]; tokenScope?: ApiTokenScope };

/** The callers the access matrix tries every operation as. */
export interface MatrixPrincipal {
  id: 'anonymous' | 'user' | 'admin' | 'superadmin' | 'token' | 'tokenWithoutScope' | 'adminToken';
  label: string;
  /** The roles of the account behind the caller; none for an anonymous one. */
  roles: Role[];
  /**
   * How the caller authenticates: a session cookie, or a personal API token holding every scope
   * (`every`) or every scope except the one the operation needs (`allButNeeded`).
   */
  credential: 'none' | 'session' | 'every' | 'allButNeeded';
}

export const MATRIX_PRINCIPALS: readonly MatrixPrincipal[] = [
  { id: 'anonymous', label: 'anonymous', roles: [], credential: 'none' },
  { id: 'user', label: 'user', roles: ['user'], credential: 'session' },
  { id: 'admin', label: 'admin', roles: ['user', 'admin'], credential: 'session' },
  { id: 'superadmin', label: 'superadmin', roles: ['user', 'superadmin'], credential: 'session' },
  { id: 'token', label: 'user token, needed scope', roles: ['user'], credential: 'every' },
  {
    id: 'tokenWithoutScope',
    label: 'user token, other scopes',
    roles: ['user'],
    credential: 'allButNeeded',
  },
  { id: 'adminToken', label: 'admin token, every scope', roles: ['user', 'admin'], credential: 'every' },
];

/** The problem codes the access guard refuses with; any other answer means the caller got through. */
export const ACCESS_REFUSAL_CODES = [
  'authentication_required',
  'insufficient_role',
  'api_token_not_allowed',
  'insufficient_scope',
] as const;

export type ExpectedAccess =
  | { allowed: true }
  | { allowed: false; status: 401 | 403; code: (typeof ACCESS_REFUSAL_CODES)[number] };

/** What the access guard must answer `principal` on an operation with this policy. */
export function expectedAccess(access: OperationAccess, principal: MatrixPrincipal): ExpectedAccess {
  if (access.policy === 'public') return { allowed: true };
  if (principal.credential === 'none')
    return { allowed: false, status: 401, code: 'authentication_required' };
  if (access.policy === 'roles' && !access.roles.some((role) => principal.roles.includes(role)))
    return { allowed: false, status: 403, code: 'insufficient_role' };
  if (principal.credential === 'session') return { allowed: true };
  if (!access.tokenScope) return { allowed: false, status: 403, code: 'api_token_not_allowed' };
  if (principal.credential === 'allButNeeded')
    return { allowed: false, status: 403, code: 'insufficient_scope' };
  return { allowed: true };
}

/** One cell of the matrix as the docs and the test output print it. */
export function describeExpected(expected: ExpectedAccess): string {
  return expected.allowed ? 'allowed' : `${expected.status} ${expected.code}`;
}

/** The operations of an OpenAPI document with their stated access, in the document's order. */
export function operationsWithAccess(document: {
  paths: Record<string, Record<string, { operationId?: string; 'x-access'?: OperationAccess }>>;
}): { id: string; method: string; path: string; access: OperationAccess | undefined }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      id: operation.operationId ?? `${method} ${path}`,
      method: method.toUpperCase(),
      path,
      access: operation['x-access'],
    })),
  );
}

function describePolicy(access: OperationAccess | undefined): string {
  if (!access) return '**none declared**';
  const who =
    access.policy === 'public'
      ? 'public'
      : access.policy === 'signed-in'
        ? 'signed in'
        : `roles: ${access.roles.join(', ')}`;
  return access.policy !== 'public' && access.tokenScope ? `${who}; token \`${access.tokenScope}\`` : who;
}

/**
 * The access matrix as Markdown: every operation × every principal, with the answer the policy
 * demands. `docs/access-matrix.md` is this, written from the committed spec and checked for drift.
 */
export function renderAccessMatrix(document: Parameters<typeof operationsWithAccess>[0]): string {
  const header = ['operation', 'policy', ...MATRIX_PRINCIPALS.map((principal) => principal.label)];
  const rows = operationsWithAccess(document).map((operation) => [
    `\`${operation.method} ${operation.path}\` (${operation.id})`,
    describePolicy(operation.access),
    ...MATRIX_PRINCIPALS.map((principal) =>
      operation.access ? describeExpected(expectedAccess(operation.access, principal)) : '?',
    ),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    '# Access matrix',
    '',
    'Generated by `npm run openapi` from the `x-access` policy of every operation in',
    '`libs/web/api-client/openapi.json`; `npm test` fails when this file is out of date, and the API',
    'end-to-end suite (`apps/api/test/access-matrix.e2e-spec.ts`) calls every operation as every',
    'principal and checks that the API answers what this table says.',
    '',
    '- **allowed**: the access guard lets the caller through (the answer then depends on the request).',
    '- **401 / 403 `code`**: the guard refuses with that status and problem code.',
    "- Every resource one user creates (runs, API tokens, sessions, connected accounts) answers 404 to another user's requests, never 403: the suite checks each with the first user's real ids.",
    '',
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    '',
  ].join('\n');
}
