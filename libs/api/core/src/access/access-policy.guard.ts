import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Optional,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../errors/problem';
import {
  ACCESS_POLICY,
  type AccessPolicy,
  type AuthenticatedUser,
  AUTHENTICATOR,
  type Authenticator,
  type ApiTokenScope,
  TOKEN_SCOPE,
} from './access-policy';

/** Deny by default: a route runs only under the policy it declares. */
@Injectable()
export class AccessPolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(AUTHENTICATOR) private readonly authenticator?: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy)
      throw new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', 'This route is not open to anyone.');
    if (policy.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<{ user?: AuthenticatedUser | null }>();
    const user = request.user ?? (await this.authenticator?.authenticate(context)) ?? null;
    if (!user)
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'authentication_required', 'Sign in to continue.');
    request.user = user;
    if (policy.kind === 'roles' && !policy.roles.some((role) => user.roles.includes(role))) {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'insufficient_role', 'Your account cannot do this.');
    }
    if (user.tokenScopes) this.assertTokenMayCall(context, user.tokenScopes);
    return true;
  }

  private assertTokenMayCall(context: ExecutionContext, granted: readonly ApiTokenScope[]): void {
    const needed = this.reflector.getAllAndOverride<ApiTokenScope | undefined>(TOKEN_SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!needed) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'api_token_not_allowed',
        'API tokens cannot call this route; use the web app.',
      );
    }
    if (!granted.includes(needed)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'insufficient_scope',
        `This API token lacks the ${needed} scope.`,
      );
    }
  }
}
