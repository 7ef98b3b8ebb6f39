import { ApiProblems, Public, SignedIn, type SignedInRequest } from '@huntkit/api/core';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { authRateLimit } from './auth-rate-limits';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearSessionCookies, REFRESH_COOKIE, setCsrfCookie } from './auth-cookies';
import { clientOf, SessionIssuer } from './session-issuer';
import { AuthService } from './auth.service';
import { CsrfTokens } from './authentication/csrf-tokens';
import { CookieSessions } from './authentication/cookie-sessions';
import { type MaybeSignedInRequest, OptionalSession } from './authentication/request-authenticator';
import { SignInBackoff } from './sign-in-backoff';
import { HUMAN_CHECK_AFTER_FAILURES, HUMAN_CHECK_HEADER, HumanCheck } from './turnstile/human-check';
import {
  CsrfTokenDto,
  LoginDto,
  ReauthDto,
  SecondFactorDto,
  SessionStateDto,
  SignInResultDto,
} from './dto/auth.dto';

@ApiTags('Auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly issuer: SessionIssuer,
    private readonly csrf: CsrfTokens,
    private readonly cookieSessions: CookieSessions,
    private readonly backoff: SignInBackoff,
    private readonly humanCheck: HumanCheck,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Throttle(authRateLimit('/api/auth/login'))
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Sets the session cookies and a fresh XSRF-TOKEN cookie; or, when the account has two-factor authentication, answers `second_factor_required` with a challenge and sets no cookie.',
  })
  @ApiOkResponse({ type: SignInResultDto })
  @ApiHeader({
    name: HUMAN_CHECK_HEADER,
    required: false,
    description: `Cloudflare Turnstile token; needed after ${HUMAN_CHECK_AFTER_FAILURES} wrong passwords for the account when Turnstile is configured`,
  })
  @ApiProblems(401, 403, 422, 503)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignInResultDto> {
    // After a few wrong passwords for this account, a Turnstile check is needed too (when configured).
    if (this.humanCheck.enabled && (await this.backoff.failuresOf(body.email)) >= HUMAN_CHECK_AFTER_FAILURES)
      await this.humanCheck.assertHuman(request);
    return this.issuer.respond(reply, await this.auth.login(body.email, body.password, clientOf(request)));
  }

  @Post('auth/login/second-factor')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Throttle(authRateLimit('/api/auth/login/second-factor'))
  @ApiOperation({
    summary: 'Finish a sign-in with a code from the authenticator app or a backup code',
    description:
      'Answers the challenge `POST /api/auth/login` gave. Each code works once; a challenge lasts 5 minutes and takes 5 tries.',
  })
  @ApiOkResponse({ type: SignInResultDto })
  @ApiProblems(401, 422)
  async completeSecondFactor(
    @Body() body: SecondFactorDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignInResultDto> {
    const answer =
      body.backupCode !== undefined ? { backupCode: body.backupCode } : { code: body.code ?? '' };
    const signedIn = await this.auth.completeSecondFactor(body.challengeId, answer, clientOf(request));
    return this.issuer.respond(reply, signedIn);
  }

  @Post('auth/reauth')
  @SignedIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @Throttle(authRateLimit('/api/auth/reauth'))
  @ApiOperation({
    summary: 'Confirm it is you (password, or a code when two-factor authentication is on)',
    description:
      'Opens the window (REAUTH_WINDOW_MINUTES) in which sensitive actions of this session are allowed. Cookie sessions only.',
  })
  @ApiNoContentResponse({ description: 'Confirmed' })
  @ApiProblems(401, 403, 422)
  async reauthenticate(@Body() body: ReauthDto, @Req() request: SignedInRequest): Promise<void> {
    await this.auth.reauthenticate(request.user.id, request.user.sessionId, body);
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @Throttle(authRateLimit('/api/auth/refresh'))
  @ApiOperation({ summary: 'Exchange the refresh cookie for new session cookies (rotation)' })
  @ApiNoContentResponse({ description: 'New cookies set' })
  @ApiProblems(401, 403)
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    try {
      const refreshed = await this.auth.refresh(request.cookies[REFRESH_COOKIE], clientOf(request));
      this.issuer.setCookies(reply, refreshed);
    } catch (error) {
      clearSessionCookies(reply);
      throw error;
    }
  }

  @Post('auth/logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: ends this session and clears its cookies (safe to repeat)' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems(403)
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(await this.cookieSessions.sessionOf(request));
    clearSessionCookies(reply);
  }

  @Get('auth/csrf')
  @Public()
  @ApiOperation({ summary: 'Issue the CSRF token for state-changing requests of this session' })
  @ApiOkResponse({ type: CsrfTokenDto })
  async getCsrfToken(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CsrfTokenDto> {
    const token = this.csrf.issue((await this.cookieSessions.sessionOf(request)) ?? 'anonymous');
    setCsrfCookie(reply, token);
    return { token };
  }

  @Get('auth/session')
  @Public()
  @OptionalSession()
  @ApiOperation({
    summary: 'Who is signed in, if anyone',
    description:
      'Never 401: lets a client learn it is signed out without an error (GET /api/me answers 401 then).',
  })
  @ApiOkResponse({ type: SessionStateDto })
  async getSessionState(@Req() request: FastifyRequest & MaybeSignedInRequest): Promise<SessionStateDto> {
    const { user } = request; // from the session cookie only, never an API token
    if (user) return { user: await this.auth.me(user.id), refreshable: false };
    return { user: null, refreshable: !request.headers.authorization && !!request.cookies[REFRESH_COOKIE] };
  }
}
