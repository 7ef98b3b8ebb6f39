import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export type Role = 'user' | 'admin' | 'superadmin';

/**
 * What a personal API token may be granted. A token reaches only routes that name one of its scopes
 * with `@TokenScope`; everything else (account security, token management, admin) stays cookie-only.
 */
export const API_TOKEN_SCOPES = {
  'account:read': 'Read your profile (GET /api/me)',
  'tools:read': 'Read the tool catalog',
  'runs:read': 'Read your runs, their output and findings',
  'runs:write': 'Launch and cancel runs (spends credits)',
  'credits:read': 'Read your credit balance and ledger',
  'reports:read': 'Read and download your reports',
  'workflows:read': 'Read, check and export your workflows',
  'workflows:write': 'Save, import and delete your workflows',
  'workflows:run': 'Run, cancel and resume your workflows (spends credits)',
} as const;

export type ApiTokenScope = keyof typeof API_TOKEN_SCOPES;

export const API_TOKEN_SCOPE_NAMES = Object.keys(API_TOKEN_SCOPES) as ApiTokenScope[];

/** The identity an authenticated request carries (set on `request.user`). */
export interface AuthenticatedUser {
  id: string;
  roles: readonly Role[];
  /** The sign-in the request belongs to, when it came with a session cookie. */
  sessionId?: string;
  /** Present when the request came with a personal API token: what that token may do. */
  tokenScopes?: readonly ApiTokenScope[];
}

/** A request to a role-protected route, after the access guard has set who is calling. */
export type SignedInRequest = FastifyRequest & { user: AuthenticatedUser };

export type AccessPolicy =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'roles'; roles: readonly Role[] };

export const ACCESS_POLICY = 'huntkit:access-policy';
export const TOKEN_SCOPE = 'huntkit:token-scope';

/** Anyone may call the route, signed in or not. */
export const Public = () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);

/**
 * Any signed-in caller, whatever their roles. Said once rather than by listing every role, so a role
 * added later does not silently lock its holders out of their own account routes.
 */
export const SignedIn = () => SetMetadata(ACCESS_POLICY, { kind: 'signed-in' } satisfies AccessPolicy);

/** A signed-in caller holding at least one of the roles. */
export const RequireRoles = (...roles: [Role, ...Role[]]) =>
  SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);

/** Opens a role-protected route to personal API tokens that carry this scope (roles still apply). */
export const TokenScope = (scope: ApiTokenScope) => SetMetadata(TOKEN_SCOPE, scope);

/**
 * Resolves who is calling (session cookie, API token…), or null for an anonymous caller: the access
 * policy, not the authenticator, decides what an anonymous caller gets. The auth feature provides it
 * (see `AccessModule.forRoot`); without one, every non-public route answers 401.
 */
export interface Authenticator {
  authenticate(context: ExecutionContext): Promise<AuthenticatedUser | null>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/**
 * The guard refusing forged cross-site requests (CSRF). It needs to know sessions, so the auth feature
 * provides it; the access module runs it as a global guard after the access policy.
 */
export const CSRF_GUARD = Symbol('CSRF_GUARD');
