import type { AuthenticatedUser, Authenticator } from '@huntkit/api/core';
import { type ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ACCESS_TOKEN_STRATEGY } from './access-token.strategy';
import { API_TOKEN_STRATEGY } from './api-token.strategy';

/**
 * Passport's answer as `AuthenticatedUser | null`: no credentials, or refused ones, are not an error
 * here. The access-policy guard decides what an anonymous caller gets (public routes run; others
 * answer the 401 problem), so passport's own 401 is never thrown. Errors (a database down) still are.
 */
function orAnonymous(error: unknown, user: AuthenticatedUser | false | null): AuthenticatedUser | null {
  if (error) throw error;
  return user || null;
}

/**
 * Who a request is from: a personal API token in `Authorization: Bearer`, or else the session cookie.
 * A request with an Authorization header is judged by that header alone (the access-token strategy
 * ignores cookies then). The core access-policy guard reaches it as `AUTHENTICATOR`.
 */
@Injectable()
export class RequestAuthenticator
  extends AuthGuard([API_TOKEN_STRATEGY, ACCESS_TOKEN_STRATEGY])
  implements Authenticator
{
  override handleRequest<TUser = AuthenticatedUser | null>(
    error: unknown,
    user: AuthenticatedUser | false | null,
  ): TUser {
    return orAnonymous(error, user) as TUser;
  }

  async authenticate(context: ExecutionContext): Promise<AuthenticatedUser | null> {
    await this.canActivate(context); // sets request.user, to the caller or null
    return context.switchToHttp().getRequest<{ user?: AuthenticatedUser | null }>().user ?? null;
  }
}

/**
 * For public routes that answer differently to a signed-in browser: sets `request.user` from the
 * session cookie when it is valid, or to null, and never refuses the request.
 */
@Injectable()
export class OptionalSessionGuard extends AuthGuard(ACCESS_TOKEN_STRATEGY) {
  override handleRequest<TUser = AuthenticatedUser | null>(
    error: unknown,
    user: AuthenticatedUser | false | null,
  ): TUser {
    return orAnonymous(error, user) as TUser;
  }
}

/** See OptionalSessionGuard; the handler reads `request.user` (null when not signed in). */
export const OptionalSession = () => UseGuards(OptionalSessionGuard);

/** A request to a route under `@OptionalSession()`. */
export interface MaybeSignedInRequest {
  user: AuthenticatedUser | null;
}
