import { auditContextOf } from '@huntkit/api/audit';
import { APP_CONFIG, type AppConfig, ApiProblems, ProblemException, Public } from '@huntkit/api/core';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Logger,
  Param,
  ParseEnumPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authRateLimit } from '../auth-rate-limits';
import { clientOf, SessionIssuer } from '../session-issuer';
import type { SocialProvider } from '../entities/social-identity.entity';
import { SignInResultDto } from '../dto/auth.dto';
import { OneTapDto, SignInProvidersDto } from './social.dto';
import { GithubSignIn } from './github-sign-in';
import { GoogleSignIn } from './google-sign-in';
import { safeReturnPath } from './oauth-flow';
import { SOCIAL_PROVIDERS, SocialFlows } from './social-flows';
import { SocialSignInService } from './social-sign-in.service';
import { HumanCheck } from '../turnstile/human-check';

const providerParam = new ParseEnumPipe(SOCIAL_PROVIDERS);

/** Signing in through Google or GitHub (redirect flow and One Tap). Connecting one to an account is in account. */
@ApiTags('Auth')
@Controller()
export class SocialController {
  private readonly logger = new Logger('SocialSignIn');

  constructor(
    private readonly google: GoogleSignIn,
    private readonly github: GithubSignIn,
    private readonly flows: SocialFlows,
    private readonly social: SocialSignInService,
    private readonly issuer: SessionIssuer,
    private readonly humanCheck: HumanCheck,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('auth/providers')
  @Public()
  @ApiOperation({
    summary:
      'Which sign-in options are configured: providers (the web app shows only those buttons) and the human check',
  })
  @ApiOkResponse({ type: SignInProvidersDto })
  listSignInProviders(): SignInProvidersDto {
    return {
      google: this.google.configured,
      googleClientId: this.config.oauth.google?.clientId ?? null,
      github: this.github.configured,
      turnstileSiteKey: this.humanCheck.siteKey,
    };
  }

  @Post('auth/google/one-tap')
  @Public()
  @Throttle(authRateLimit('/api/auth/google/one-tap'))
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with a Google One Tap credential',
    description:
      "The page posts the ID token Google gave it with the g_csrf_token cookie value; the token is verified against the issuer's keys (issuer, audience, expiry). Same account rules and MFA as every sign-in.",
  })
  @ApiOkResponse({ type: SignInResultDto })
  @ApiProblems(401, 403, 409, 422, 429, 503)
  async signInWithOneTap(
    @Body() body: OneTapDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignInResultDto> {
    if (!this.google.configured)
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'provider_not_configured',
        'Signing in with Google is not configured on this site.',
      );
    // Google's double-submit: its script sets the cookie, and the same value must come in the body.
    if (!request.cookies?.['g_csrf_token'] || request.cookies['g_csrf_token'] !== body.g_csrf_token)
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'one_tap_csrf_failed',
        'The Google sign-in could not be confirmed. Reload the page and try again.',
      );
    let profile;
    try {
      profile = await this.google.profileFromIdToken(body.credential);
    } catch (error) {
      this.logger.warn(`One Tap credential refused: ${(error as Error).message}`);
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'one_tap_token_invalid',
        'Google did not vouch for this sign-in. Try again.',
      );
    }
    return this.issuer.respond(reply, await this.social.signIn(profile, clientOf(request)));
  }

  @Get('auth/:provider/start')
  @Public()
  @ApiParam({ name: 'provider', enum: SOCIAL_PROVIDERS })
  @ApiOperation({
    summary: 'Leave for the provider to sign in (a browser navigation; answers a redirect)',
    description:
      '`returnTo` is a path in the app to land on afterwards. 503 `provider_not_configured` without credentials.',
  })
  @ApiResponse({ status: 302, description: 'To the provider' })
  @ApiProblems(400, 503)
  async startSocialSignIn(
    @Param('provider', providerParam) provider: SocialProvider,
    @Query('returnTo') returnTo: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const url = await this.flows.begin(provider, { returnTo: safeReturnPath(returnTo) }, reply);
    void reply.redirect(url, 302);
  }

  @Get('auth/:provider/callback')
  @Public()
  @ApiParam({ name: 'provider', enum: SOCIAL_PROVIDERS })
  @ApiOperation({
    summary: 'Where the provider sends the browser back; signs in or links, then redirects into the app',
    description:
      "Success lands on the flow's return path; an account with two-factor authentication lands on /sign-in?challenge=…; failures land on /sign-in?error=<code> (or Account settings for a link).",
  })
  @ApiResponse({ status: 302, description: 'Into the app' })
  async finishSocialSignIn(
    @Param('provider', providerParam) provider: SocialProvider,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const flow = this.flows.finish(request, reply);
    const app = this.config.appUrl;
    const fail = (code: string) =>
      flow?.linkUserId
        ? `${app}/account?link_error=${code}#connected-accounts`
        : `${app}/sign-in?error=${code}`;
    if (!flow || flow.provider !== provider) return void reply.redirect(fail('sign_in_expired'), 302);
    const query = request.url.split('?')[1] ?? '';
    let profile;
    try {
      profile = await this.flows.client(provider).profileFrom(query, flow);
    } catch (error) {
      this.logger.warn(`${provider} sign-in refused: ${(error as Error).message}`);
      return void reply.redirect(fail('provider_refused'), 302);
    }
    try {
      if (flow.linkUserId) {
        await this.social.link(flow.linkUserId, profile, auditContextOf(request));
        return void reply.redirect(`${app}/account?linked=${provider}#connected-accounts`, 302);
      }
      // Same outcome as every sign-in (cookies, or a challenge and none), told by a redirect.
      const result = this.issuer.respond(reply, await this.social.signIn(profile, clientOf(request)));
      if (result.challenge) {
        const next = new URLSearchParams({ challenge: result.challenge.id, returnUrl: flow.returnTo });
        return void reply.redirect(`${app}/sign-in?${next.toString()}`, 302);
      }
      return void reply.redirect(`${app}${flow.returnTo}`, 302);
    } catch (error) {
      if (error instanceof ProblemException) return void reply.redirect(fail(error.code), 302);
      throw error;
    }
  }
}
