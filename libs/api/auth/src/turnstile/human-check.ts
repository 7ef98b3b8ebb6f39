import { APP_CONFIG, type AppConfig, ProblemException } from '@huntkit/api/core';
import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  UseGuards,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

/** Where the browser puts the token the Turnstile widget gave it. */
export const HUMAN_CHECK_HEADER = 'x-turnstile-token';

/** Wrong passwords for an account after which signing in to it needs the check too. */
export const HUMAN_CHECK_AFTER_FAILURES = 3;

const VERIFY_TIMEOUT_MS = 8_000;

/**
 * Cloudflare Turnstile, verified server-side (siteverify). Without keys it is off and every request
 * passes; with keys, a missing or refused token stops the request with a problem the web app knows.
 */
@Injectable()
export class HumanCheck {
  private readonly logger = new Logger('HumanCheck');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.turnstile !== null;
  }

  get siteKey(): string | null {
    return this.config.turnstile?.siteKey ?? null;
  }

  async assertHuman(request: FastifyRequest): Promise<void> {
    const turnstile = this.config.turnstile;
    if (!turnstile) return;
    const header = request.headers[HUMAN_CHECK_HEADER];
    const token = typeof header === 'string' ? header.trim() : '';
    if (!token || token.length > 2048)
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'human_check_required',
        'Complete the check that you are human, then try again.',
      );
    let outcome: { success?: boolean; 'error-codes'?: string[] };
    try {
      const response = await fetch(turnstile.verifyUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ secret: turnstile.secretKey, response: token, remoteip: request.ip }),
        signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
      });
      outcome = (await response.json()) as typeof outcome;
    } catch (error) {
      this.logger.warn(`Turnstile verification unreachable: ${(error as Error).message}`);
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'human_check_unavailable',
        'The check that you are human could not be verified just now. Try again in a moment.',
      );
    }
    if (outcome.success !== true)
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'human_check_failed',
        'The check that you are human did not pass. Try it again.',
        { reasons: outcome['error-codes'] ?? [] },
      );
  }
}

@Injectable()
export class HumanCheckGuard implements CanActivate {
  constructor(private readonly check: HumanCheck) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.check.assertHuman(context.switchToHttp().getRequest<FastifyRequest>());
    return true;
  }
}

/** The route needs a Turnstile token in `X-Turnstile-Token` when Turnstile is configured. */
export const RequireHumanCheck = () =>
  applyDecorators(
    UseGuards(HumanCheckGuard),
    ApiHeader({
      name: HUMAN_CHECK_HEADER,
      required: false,
      description:
        'Cloudflare Turnstile token; needed when the site has Turnstile configured (403 human_check_required otherwise)',
    }),
  );
