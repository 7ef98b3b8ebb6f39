import { SetMetadata } from '@nestjs/common';

export type Role = 'user' | 'admin' | 'superadmin';

/** The identity an authenticated request carries (set on `request.user`). */
export interface AuthenticatedUser {
  id: string;
  roles: readonly Role[];
  /** The sign-in the request belongs to, when it came with a session cookie. */
  sessionId?: string;
}

export type AccessPolicy = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

export const ACCESS_POLICY = 'huntkit:access-policy';

/** Anyone may call the route, signed in or not. */
export const Public = () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);

/** A signed-in caller holding at least one of the roles. `RequireRoles('user')` means any account. */
export const RequireRoles = (...roles: [Role, ...Role[]]) =>
  SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);

/**
 * Resolves who is calling (session cookie, API token…). The auth feature provides it; until one is
 * registered, every non-public route answers 401.
 */
export interface Authenticator {
  authenticate(request: unknown): Promise<AuthenticatedUser | null>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
