import { APP_CONFIG, type AppConfig, ProblemException, type SignedInRequest } from '@huntkit/api/core';
import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { SessionsService } from './sessions.service';

export const REAUTHENTICATION_REQUIRED = 'reauthentication_required';

/**
 * Lets a sensitive action through only when the user signed in, or re-authenticated, within the
 * window (REAUTH_WINDOW_MINUTES). Otherwise 403 `reauthentication_required`: the web app asks for the
 * password or a code (POST /api/auth/reauth) and sends the action again.
 */
@Injectable()
export class RecentAuthGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedInRequest>();
    const sessionId = request.user?.sessionId;
    const at = sessionId ? await this.sessions.lastAuthenticatedAt(sessionId) : null;
    if (at && Date.now() - at.getTime() <= this.config.sessions.reauthWindowMs) return true;
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      REAUTHENTICATION_REQUIRED,
      'Confirm it is you: enter your password or an authenticator code, then try again.',
      { reauthWindowMinutes: Math.round(this.config.sessions.reauthWindowMs / 60_000) },
    );
  }
}

/**
 * Marks a route as sensitive (see RecentAuthGuard); its module imports SessionsModule. Its 403
 * `reauthentication_required` is documented by the route's own problem responses.
 */
export const RequireRecentAuth = () => applyDecorators(UseGuards(RecentAuthGuard));
