import { MeDto, SessionIssuer } from '@huntkit/api/auth';
import { auditContextOf } from '@huntkit/api/audit';
import { ApiProblems, SignedIn, type SignedInRequest, TokenScope } from '@huntkit/api/core';
import { RequireRecentAuth } from '@huntkit/api/sessions';
import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ChangePasswordDto, UpdateProfileDto } from '../dto/account.dto';
import { PasswordChangeService } from './password-change.service';
import { ProfileService } from './profile.service';

/** The signed-in account and its password. Tagged Auth, as before the split, so clients keep their services. */
@ApiTags('Auth')
@Controller('me')
@SignedIn()
export class ProfileController {
  constructor(
    private readonly profile: ProfileService,
    private readonly passwords: PasswordChangeService,
    private readonly issuer: SessionIssuer,
  ) {}

  @Get()
  @TokenScope('account:read')
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  getMe(@Req() request: SignedInRequest): Promise<MeDto> {
    return this.profile.me(request.user.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Change your display name or time zone; only the fields sent change' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401, 422)
  updateMe(@Req() request: SignedInRequest, @Body() body: UpdateProfileDto): Promise<MeDto> {
    return this.profile.update(request.user.id, body);
  }

  @Post('password')
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
    this.issuer.setCookies(reply, renewed);
  }
}
