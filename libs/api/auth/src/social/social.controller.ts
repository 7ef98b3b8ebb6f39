import { auditContextOf } from '@huntkit/api/audit';
import {
  APP_CONFIG,
  type AppConfig,
  ApiProblems,
  deriveKey,
  ProblemException,
  Public,
  RequireRoles,
  type SignedInRequest,
} from '@huntkit/api/core';
import { RequireRecentAuth } from '@huntkit/api/sessions';
import {
  Body,
  Controller,
  Delete,
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
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authRateLimit } from '../auth-rate-limits';
import { setSignedInCookies, clientOf } from '../signed-in-response';
import { CsrfTokens } from '../csrf-tokens';
import type { SocialProvider } from '../entities/social-identity.entity';
import { SignInResultDto } from '../dto/auth.dto';
import { AuthorizationUrlDto, ConnectedAccountsDto, OneTapDto, SignInProvidersDto } from './social.dto';
import { GithubSignIn } from './github-sign-in';
import { GoogleSignIn } from './google-sign-in';
import {
  OAUTH_FLOW_COOKIE,
  OAUTH_FLOW_TTL_MS,
  type OAuthFlow,
  OAuthFlowSeal,
  safeReturnPath,
} from './oauth-flow';
import { PROVIDER_NAMES, SocialSignInService } from './social-sign-in.service';
import { HumanCheck } from '../turnstile/human-check';

const PROVIDERS: SocialProvider[] = ['google', 'github'];
const providerParam = new ParseEnumPipe(PROVIDERS);
const flowCookie = { path: '/', secure: true, httpOnly: true, sameSite: 'lax' as const };

type ProviderClient = GoogleSignIn | GithubSignIn;

@ApiTags('Auth')
@Controller()
export class SocialController {
  private readonly seal: OAuthFlowSeal;
  private readonly logger = new Logger('SocialSignIn');

  constructor(
    private readonly google: GoogleSignIn,
    private readonly github: GithubSignIn,
    private readonly social: SocialSignInService,
    private readonly csrf: CsrfTokens,
    private readonly humanCheck: HumanCheck,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.seal = new OAuthFlowSeal(deriveKey(config.secrets.app, 'oauth-flow-cookie'));
  }

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
    const outcome = await this.social.signIn(profile, clientOf(request));
    if ('challenge' in outcome)
      return {
        status: 'second_factor_required',
        challenge: { id: outcome.challenge.id, expiresAt: outcome.challenge.expiresAt.toISOString() },
      };
    setSignedInCookies(reply, outcome, this.csrf);
    return { status: 'signed_in', user: outcome.user };
  }

  @Get('auth/:provider/start')
  @Public()
  @ApiParam({ name: 'provider', enum: PROVIDERS })
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
    const url = await this.begin(provider, { returnTo: safeReturnPath(returnTo) }, reply);
    void reply.redirect(url, 302);
  }

  @Get('auth/:provider/callback')
  @Public()
  @ApiParam({ name: 'provider', enum: PROVIDERS })
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
    const flow = this.seal.open(request.cookies?.[OAUTH_FLOW_COOKIE]);
    void reply.clearCookie(OAUTH_FLOW_COOKIE, flowCookie);
    const app = this.config.appUrl;
    const fail = (code: string) =>
      flow?.linkUserId
        ? `${app}/account?link_error=${code}#connected-accounts`
        : `${app}/sign-in?error=${code}`;
    if (!flow || flow.provider !== provider) return void reply.redirect(fail('sign_in_expired'), 302);
    const query = request.url.split('?')[1] ?? '';
    let profile;
    try {
      profile = await this.client(provider).profileFrom(query, flow);
    } catch (error) {
      this.logger.warn(`${provider} sign-in refused: ${(error as Error).message}`);
      return void reply.redirect(fail('provider_refused'), 302);
    }
    try {
      if (flow.linkUserId) {
        await this.social.link(flow.linkUserId, profile, auditContextOf(request));
        return void reply.redirect(`${app}/account?linked=${provider}#connected-accounts`, 302);
      }
      const outcome = await this.social.signIn(profile, clientOf(request));
      if ('challenge' in outcome) {
        const next = new URLSearchParams({ challenge: outcome.challenge.id, returnUrl: flow.returnTo });
        return void reply.redirect(`${app}/sign-in?${next.toString()}`, 302);
      }
      setSignedInCookies(reply, outcome, this.csrf);
      return void reply.redirect(`${app}${flow.returnTo}`, 302);
    } catch (error) {
      if (error instanceof ProblemException) return void reply.redirect(fail(error.code), 302);
      throw error;
    }
  }

  @Get('me/connected-accounts')
  @RequireRoles('user', 'admin', 'superadmin')
  @ApiOperation({ summary: 'Providers that sign in to your account, and which ones could be connected' })
  @ApiOkResponse({ type: ConnectedAccountsDto })
  @ApiProblems(401)
  async listConnectedAccounts(@Req() request: SignedInRequest): Promise<ConnectedAccountsDto> {
    const { accounts, hasPassword } = await this.social.list(request.user.id);
    return {
      hasPassword,
      providers: PROVIDERS.map((provider) => {
        const linked = accounts.find((account) => account.provider === provider);
        return {
          provider,
          configured: this.client(provider).configured,
          linked: !!linked,
          email: linked?.email ?? null,
          linkedAt: linked?.linkedAt.toISOString() ?? null,
        };
      }),
    };
  }

  @Post('me/connected-accounts/:provider')
  @RequireRoles('user', 'admin', 'superadmin')
  @RequireRecentAuth()
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'provider', enum: PROVIDERS })
  @ApiOperation({
    summary: 'Start connecting a provider: answers the URL to send the browser to',
    description: 'Needs a recent sign-in or re-authentication (403 `reauthentication_required` otherwise).',
  })
  @ApiOkResponse({ type: AuthorizationUrlDto })
  @ApiProblems(400, 401, 403, 503)
  async startLinkingProvider(
    @Param('provider', providerParam) provider: SocialProvider,
    @Req() request: SignedInRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorizationUrlDto> {
    const url = await this.begin(provider, { returnTo: '/account', linkUserId: request.user.id }, reply);
    return { authorizationUrl: url };
  }

  @Delete('me/connected-accounts/:provider')
  @RequireRoles('user', 'admin', 'superadmin')
  @RequireRecentAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'provider', enum: PROVIDERS })
  @ApiOperation({
    summary: 'Disconnect a provider; refused (409 `last_sign_in_method`) when it is the only way to sign in',
  })
  @ApiNoContentResponse({ description: 'Disconnected; a notice is mailed' })
  @ApiProblems(400, 401, 403, 404, 409)
  async unlinkProvider(
    @Param('provider', providerParam) provider: SocialProvider,
    @Req() request: SignedInRequest,
  ): Promise<void> {
    await this.social.unlink(request.user.id, provider, auditContextOf(request));
  }

  private client(provider: SocialProvider): ProviderClient {
    return provider === 'google' ? this.google : this.github;
  }

  /** Makes the flow's secrets, keeps them in the signed cookie, and answers the provider's URL. */
  private async begin(
    provider: SocialProvider,
    intent: Pick<OAuthFlow, 'returnTo' | 'linkUserId'>,
    reply: FastifyReply,
  ): Promise<string> {
    const client = this.client(provider);
    if (!client.configured)
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'provider_not_configured',
        `Signing in with ${PROVIDER_NAMES[provider]} is not configured on this site.`,
      );
    const flow: OAuthFlow = {
      provider,
      ...client.newFlowSecrets(),
      ...intent,
      expiresAt: Date.now() + OAUTH_FLOW_TTL_MS,
    };
    const url = await client.authorizationUrl(flow);
    void reply.setCookie(OAUTH_FLOW_COOKIE, this.seal.seal(flow), {
      ...flowCookie,
      maxAge: OAUTH_FLOW_TTL_MS / 1000,
    });
    return url;
  }
}
