import type { AuthenticatedUser, Authenticator } from '@huntkit/api/core';
import { UsersService } from '@huntkit/api/users';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ActiveUsers } from './activity/active-users.service';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { SessionAuthenticator } from './session-authenticator';

/**
 * Who a request is from: a personal API token in `Authorization: Bearer`, or else the session cookies.
 * A request with an Authorization header is judged by that header alone, never also by ambient cookies.
 */
@Injectable()
export class RequestAuthenticator implements Authenticator {
  constructor(
    private readonly sessions: SessionAuthenticator,
    private readonly apiTokens: ApiTokensService,
    private readonly users: UsersService,
    private readonly activeUsers: ActiveUsers,
  ) {}

  async authenticate(request: FastifyRequest): Promise<AuthenticatedUser | null> {
    const authorization = request.headers.authorization;
    if (!authorization) return this.sessions.authenticate(request);
    const [scheme, secret] = authorization.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !secret) return null;
    const token = await this.apiTokens.authenticate(secret.trim(), request.ip ?? null);
    if (!token) return null;
    const user = await this.users.findById(token.userId);
    if (!user || user.deactivatedAt) return null;
    if (token.firstUseThisMinute) await this.activeUsers.record(user.id);
    return { id: user.id, roles: [...user.roles], tokenScopes: token.scopes };
  }
}
