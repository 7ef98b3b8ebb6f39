import { auditContextOf } from '@huntkit/api/audit';
import { clearSessionCookies } from '@huntkit/api/auth';
import { ApiProblems, Idempotent, SignedIn, type SignedInRequest } from '@huntkit/api/core';
import { RequireRecentAuth } from '@huntkit/api/sessions';
import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccountSessionsService } from './account-sessions.service';

class DeviceDto {
  @ApiProperty({ nullable: true, type: String, example: 'Firefox 128' }) browser!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Linux' }) os!: string | null;
  @ApiProperty({ example: 'Firefox 128 on Linux' }) label!: string;
}

export class AccountSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: DeviceDto }) device!: DeviceDto;
  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' }) ip!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Updated at most once a minute' }) lastSeenAt!: string;
  @ApiProperty({ description: 'The session making this request' }) current!: boolean;
}

export class RevokedSessionsDto {
  @ApiProperty({ example: 2 }) revoked!: number;
}

const SENSITIVE = 'Needs a recent sign-in or re-authentication (403 `reauthentication_required` otherwise).';

/** Where the user is signed in, and signing out elsewhere. Cookie sessions only. */
@ApiTags('Account security')
@Controller('me/sessions')
@SignedIn()
@ApiProblems(401, 403)
export class AccountSessionsController {
  constructor(private readonly sessions: AccountSessionsService) {}

  @Get()
  @ApiOperation({
    summary: 'Your signed-in sessions: device, address, since when, last seen; this one first',
  })
  @ApiOkResponse({ type: [AccountSessionDto] })
  async listMySessions(@Req() request: SignedInRequest): Promise<AccountSessionDto[]> {
    return (await this.sessions.list(request.user.id, request.user.sessionId)).map((session) => ({
      ...session,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
    }));
  }

  @Delete(':sessionId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out one session; it gets 401 on its next request' })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiProblems(404)
  async revokeMySession(
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Req() request: SignedInRequest,
  ): Promise<void> {
    await this.sessions.revoke(request.user.id, 'one', this.actor(request), sessionId);
  }

  @Post('revoke-others')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Sign out every other session; this one stays', description: SENSITIVE })
  @ApiOkResponse({ type: RevokedSessionsDto })
  async revokeMyOtherSessions(@Req() request: SignedInRequest): Promise<RevokedSessionsDto> {
    return { revoked: await this.sessions.revoke(request.user.id, 'others', this.actor(request)) };
  }

  @Post('revoke-all')
  @HttpCode(HttpStatus.OK)
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Sign out everywhere, this session too', description: SENSITIVE })
  @ApiOkResponse({ type: RevokedSessionsDto })
  async revokeAllMySessions(
    @Req() request: SignedInRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RevokedSessionsDto> {
    const revoked = await this.sessions.revoke(request.user.id, 'all', this.actor(request));
    clearSessionCookies(reply);
    return { revoked };
  }

  private actor(request: SignedInRequest) {
    return { ...auditContextOf(request), sessionId: request.user.sessionId };
  }
}
