import { auditContextOf } from '@huntkit/api/audit';
import { authRateLimit, type MaybeSignedInRequest, OptionalSession, SessionIssuer } from '@huntkit/api/auth';
import { ApiProblems, Idempotent, Public, SignedIn, type SignedInRequest } from '@huntkit/api/core';
import { RequireRecentAuth } from '@huntkit/api/sessions';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  EmailChangeConfirmedDto,
  EmailChangeReportedDto,
  EmailChangeStateDto,
  EmailTokenDto,
  PendingEmailChangeDto,
  RequestEmailChangeDto,
} from '../dto/account.dto';
import { EmailChangeService, type PendingEmailChange } from './email-change.service';

const toPendingDto = (pending: PendingEmailChange): PendingEmailChangeDto => ({
  newEmail: pending.newEmail,
  expiresAt: pending.expiresAt.toISOString(),
});

@ApiTags('Account')
@Controller()
export class EmailChangeController {
  constructor(
    private readonly emailChange: EmailChangeService,
    private readonly issuer: SessionIssuer,
  ) {}

  @Get('me/email-change')
  @SignedIn()
  @ApiOperation({ summary: 'The change of email address waiting for confirmation, if any' })
  @ApiOkResponse({ type: EmailChangeStateDto })
  @ApiProblems(401)
  async getMyEmailChange(@Req() request: SignedInRequest): Promise<EmailChangeStateDto> {
    const pending = await this.emailChange.pendingOf(request.user.id);
    return { pending: pending ? toPendingDto(pending) : null };
  }

  @Post('me/email-change')
  @Idempotent()
  @SignedIn()
  @RequireRecentAuth()
  @HttpCode(HttpStatus.ACCEPTED)
  @Throttle(authRateLimit('/api/me/email-change'))
  @ApiOperation({
    summary: 'Ask to move your account to a new email address',
    description:
      'Mails a confirmation link to the new address and a notice (with a link to stop it) to the current one; the current address stays until the new one is confirmed. Asking again replaces an earlier request. Needs a recent sign-in or re-authentication (403 `reauthentication_required` otherwise).',
  })
  @ApiResponse({ status: 202, type: PendingEmailChangeDto })
  @ApiProblems(401, 403, 422, 429)
  async requestEmailChange(
    @Req() request: SignedInRequest,
    @Body() body: RequestEmailChangeDto,
  ): Promise<PendingEmailChangeDto> {
    return toPendingDto(
      await this.emailChange.request(request.user.id, body.newEmail, auditContextOf(request)),
    );
  }

  @Delete('me/email-change')
  @SignedIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Withdraw a change of email address that is waiting for confirmation' })
  @ApiNoContentResponse({ description: 'No change waits any more' })
  @ApiProblems(401)
  async withdrawEmailChange(@Req() request: SignedInRequest): Promise<void> {
    await this.emailChange.withdraw(request.user.id, auditContextOf(request));
  }

  @Post('auth/email-change/confirm')
  @Public()
  @OptionalSession()
  @HttpCode(HttpStatus.OK)
  @Throttle(authRateLimit('/api/auth/email-change/confirm'))
  @ApiOperation({
    summary: 'Confirm a new email address with the token from its mail',
    description:
      'Changes the address, ends every other session and tells both addresses. A browser signed in to the account keeps its session with fresh cookies.',
  })
  @ApiOkResponse({ type: EmailChangeConfirmedDto })
  @ApiProblems(400, 409, 422)
  async confirmEmailChange(
    @Body() body: EmailTokenDto,
    @Req() request: FastifyRequest & MaybeSignedInRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EmailChangeConfirmedDto> {
    const signedIn = request.user; // this browser's session cookie, when it is live
    const confirmed = await this.emailChange.confirm(
      body.token,
      signedIn?.sessionId ? { userId: signedIn.id, sessionId: signedIn.sessionId } : null,
      // The link acts, not the session: the service names the account that changed as the actor.
      auditContextOf({ ip: request.ip, headers: request.headers }),
    );
    if (confirmed.renewed) this.issuer.setCookies(reply, confirmed.renewed);
    return {
      email: confirmed.email,
      otherSessionsEnded: confirmed.otherSessionsEnded,
      signedIn: confirmed.renewed !== null,
    };
  }

  @Post('auth/email-change/report')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Throttle(authRateLimit('/api/auth/email-change/report'))
  @ApiOperation({
    summary: '"It wasn\'t me": stop or undo a change of email address from the link sent to the old one',
    description:
      'Stops a pending change (or puts the old address back if it went through), signs out every session and mails a password reset link to the old address.',
  })
  @ApiOkResponse({ type: EmailChangeReportedDto })
  @ApiProblems(400, 422)
  async reportEmailChange(
    @Body() body: EmailTokenDto,
    @Req() request: FastifyRequest,
  ): Promise<EmailChangeReportedDto> {
    return this.emailChange.report(body.token, auditContextOf(request));
  }
}
