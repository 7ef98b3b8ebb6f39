import type { AuthenticatedUser } from '@huntkit/api/core';
import { UsersService } from '@huntkit/api/users';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import passport from 'passport';
import { ActiveUsers } from '../activity/active-users.service';
import { ApiTokensService } from '../api-tokens/api-tokens.service';

export const API_TOKEN_STRATEGY = 'api-token';

type Verify = (
  request: FastifyRequest,
  secret: string,
  done: (error: unknown, user?: AuthenticatedUser | null) => void,
) => void;

/**
 * `Authorization: Bearer <secret>`, nothing else. A minimal passport strategy of our own: the bearer
 * scheme is a few lines, and a dependency for it would bring more than it saves.
 */
class BearerStrategy extends passport.Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: unknown): void {
    const [scheme, secret] = (request as FastifyRequest).headers.authorization?.split(' ', 2) ?? [];
    if (scheme?.toLowerCase() !== 'bearer' || !secret) return this.fail(401);
    this.verify(request as FastifyRequest, secret.trim(), (error, user) => {
      if (error) this.error(error as Error);
      else if (user) this.success(user);
      else this.fail(401);
    });
  }
}

/** Personal API tokens: live (not revoked or expired) and owned by an active account. */
@Injectable()
export class ApiTokenStrategy extends PassportStrategy(BearerStrategy, API_TOKEN_STRATEGY) {
  constructor(
    private readonly apiTokens: ApiTokensService,
    private readonly users: UsersService,
    private readonly activeUsers: ActiveUsers,
  ) {
    super();
  }

  async validate(request: FastifyRequest, secret: string): Promise<AuthenticatedUser | null> {
    const token = await this.apiTokens.authenticate(secret, request.ip ?? null);
    if (!token) return null;
    const user = await this.users.findById(token.userId);
    if (!user || user.deactivatedAt) return null;
    if (token.firstUseThisMinute) await this.activeUsers.record(user.id);
    return { id: user.id, roles: [...user.roles], tokenScopes: token.scopes };
  }
}
