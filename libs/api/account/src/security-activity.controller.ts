import { AuditPageDto, AuditService, toAuditPage } from '@huntkit/api/audit';
import { ApiProblems, PagedTimeRangeQueryDto, SignedIn, type SignedInRequest } from '@huntkit/api/core';
import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

/** The signed-in user's own security activity: what happened to their account, newest first. */
@ApiTags('Account security')
@Controller('me/security-activity')
@SignedIn()
@ApiProblems(401, 403, 422)
export class SecurityActivityController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: 'Your security activity: sign-ins, failed sign-ins, password, MFA, sessions and API tokens',
  })
  @ApiOkResponse({ type: AuditPageDto })
  async listMySecurityActivity(
    @Query() query: PagedTimeRangeQueryDto,
    @Req() request: SignedInRequest,
  ): Promise<AuditPageDto> {
    return toAuditPage(await this.audit.list({ ...query, targetUserId: request.user.id }), query);
  }
}
