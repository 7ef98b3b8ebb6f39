import { ApiProblems, Public, RequireRoles, TokenScope, type SignedInRequest } from '@huntkit/api/core';
import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { authRateLimit } from './auth-rate-limits';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearSessionCookies, REFRESH_COOKIE, setCsrfCookie } from './auth-cookies';
import { clientOf, setSignedInCookies } from './signed-in-response';
import { AuthService } from './auth.service';
import { PasswordChangeService } from './password-change.service';
import { auditContextOf } from '@huntkit/api/audit';
import { RequireRecentAuth } from '@huntkit/api/sessions';
import { CsrfTokens } from './csrf-tokens';
import { UpdateProfileDto } from './dto/account.dto';
import { SignInBackoff } from './sign-in-backoff';
import { HUMAN_CHECK_AFTER_FAILURES, HUMAN_CHECK_HEADER, HumanCheck } from './turnstile/human-check';
import {
  ChangePasswordDto,
  CsrfTokenDto,
  LoginDto,
  MeDto,
  ReauthDto,
  SecondFactorDto,
  SessionStateDto,
  SignInResultDto,
} from './dto/auth.dto';
import { SessionAuthenticator } from './session-authenticator';

@ApiTags('Auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly csrf: CsrfTokens,
    private readonly sessions: SessionAuthenticator,
    private readonly passwords: PasswordChangeService,
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
    const outcome = await this.auth.login(body.email, body.password, clientOf(request));
    if ('challenge' in outcome)
      return {
        status: 'second_factor_required',
        challenge: { id: outcome.challenge.id, expiresAt: outcome.challenge.expiresAt.toISOString() },
      };
    setSignedInCookies(reply, outcome, this.csrf);
    return { status: 'signed_in', user: outcome.user };
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
    setSignedInCookies(reply, signedIn, this.csrf);
    return { status: 'signed_in', user: signedIn.user };
  }

  @Post('me/password')
  @RequireRoles('user', 'admin', 'superadmin')
  @RequireRecentAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Change your password',
    description:
      'Ends every other session, gives this one fresh cookies, and mails a notice. Needs a recent sign-in or re-authentication (403 `reauthentication_required` otherwise).',
  })
  @ApiNoContentResponse({ description: 'Changed; new session cookies set' })
  @ApiProblems(401, 403, 422)
  async changePassword(
    @Body() body: ChangePasswordDto,
    @Req() request: SignedInRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const renewed = await this.passwords.change(
      request.user.id,
      request.user.sessionId,
      body.newPassword,
      auditContextOf(request),
    );
    setSignedInCookies(reply, renewed, this.csrf);
  }

  @Post('auth/reauth')
  @RequireRoles('user', 'admin', 'superadmin')
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
      setSignedInCookies(reply, refreshed, this.csrf);
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
    await this.auth.logout(await this.sessions.sessionOf(request));
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
    const token = this.csrf.issue((await this.sessions.sessionOf(request)) ?? 'anonymous');
    setCsrfCookie(reply, token);
    return { token };
  }

  @Get('auth/session')
  @Public()
  @ApiOperation({
    summary: 'Who is signed in, if anyone',
    description:
      'Never 401: lets a client learn it is signed out without an error (GET /api/me answers 401 then).',
  })
  @ApiOkResponse({ type: SessionStateDto })
  async getSessionState(@Req() request: FastifyRequest): Promise<SessionStateDto> {
    const user = await this.sessions.authenticate(request);
    if (user) return { user: await this.auth.me(user.id), refreshable: false };
    return { user: null, refreshable: !request.headers.authorization && !!request.cookies[REFRESH_COOKIE] };
  }

  @Get('me')
  @RequireRoles('user', 'admin', 'superadmin')
  @TokenScope('account:read')
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  getMe(@Req() request: SignedInRequest): Promise<MeDto> {
    return this.auth.me(request.user.id);
  }

  @Patch('me')
  @RequireRoles('user', 'admin', 'superadmin')
  @ApiOperation({ summary: 'Change your display name or time zone; only the fields sent change' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401, 422)
  updateMe(@Req() request: SignedInRequest, @Body() body: UpdateProfileDto): Promise<MeDto> {
    return this.auth.updateProfile(request.user.id, body);
  }
}
