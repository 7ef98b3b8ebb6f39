import { auditContextOf } from '@huntkit/api/audit';
import { ApiProblems, SignedIn, type SignedInRequest } from '@huntkit/api/core';
import { RequireRecentAuth } from '@huntkit/api/sessions';
import { UsersService } from '@huntkit/api/users';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { BackupCodesDto, MfaEnrollmentDto, MfaStatusDto, TotpCodeDto } from './dto/mfa.dto';
import { MfaService } from './mfa.service';

const SENSITIVE =
  'Needs a sign-in or re-authentication (POST /api/auth/reauth) within the last REAUTH_WINDOW_MINUTES; otherwise 403 `reauthentication_required`.';

/** Two-factor authentication of the signed-in user. Cookie sessions only: API tokens never reach it. */
@ApiTags('Account security')
@Controller('me/mfa')
@SignedIn()
@ApiProblems(401, 403)
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly users: UsersService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether two-factor authentication is on, and how many backup codes are left' })
  @ApiOkResponse({ type: MfaStatusDto })
  async getMfaStatus(@Req() request: SignedInRequest): Promise<MfaStatusDto> {
    const status = await this.mfa.status(request.user.id);
    return { ...status, enabledAt: status.enabledAt?.toISOString() ?? null };
  }

  @Post('enrollment')
  @RequireRecentAuth()
  @ApiOperation({
    summary: 'Start setting up an authenticator app: a new secret and its QR code',
    description: `Nothing changes until a code confirms it. ${SENSITIVE}`,
  })
  @ApiCreatedResponse({ type: MfaEnrollmentDto })
  @ApiProblems(409)
  async startMfaEnrollment(@Req() request: SignedInRequest): Promise<MfaEnrollmentDto> {
    const user = await this.users.findById(request.user.id);
    return this.mfa.startEnrollment(request.user.id, user?.email ?? request.user.id);
  }

  @Post('enrollment/confirm')
  @RequireRecentAuth()
  @ApiOperation({
    summary: 'Turn two-factor authentication on with a code from the app; returns the backup codes once',
    description: SENSITIVE,
  })
  @ApiCreatedResponse({ type: BackupCodesDto })
  @ApiProblems(409, 422)
  async confirmMfaEnrollment(
    @Body() body: TotpCodeDto,
    @Req() request: SignedInRequest,
  ): Promise<BackupCodesDto> {
    return {
      backupCodes: await this.mfa.confirmEnrollment(request.user.id, body.code, auditContextOf(request)),
    };
  }

  @Post('backup-codes')
  @RequireRecentAuth()
  @ApiOperation({
    summary: 'Replace the backup codes (the old ones stop working); returns them once',
    description: SENSITIVE,
  })
  @ApiCreatedResponse({ type: BackupCodesDto })
  @ApiProblems(409)
  async regenerateBackupCodes(@Req() request: SignedInRequest): Promise<BackupCodesDto> {
    return { backupCodes: await this.mfa.regenerateBackupCodes(request.user.id, auditContextOf(request)) };
  }

  @Delete()
  @RequireRecentAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn two-factor authentication off (safe to repeat)', description: SENSITIVE })
  @ApiNoContentResponse({ description: 'Off' })
  async disableMfa(@Req() request: SignedInRequest): Promise<void> {
    await this.mfa.disable(request.user.id, auditContextOf(request));
  }
}
