import { ApiProblems, PagedTimeRangeQueryDto, RequireRoles, type SignedInRequest } from '@huntkit/api/core';
import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto } from './dto/audit.dto';
import type { AuditEntry } from './entities/audit-entry.entity';

@ApiTags('Admin')
@Controller('admin/audit')
@RequireRoles('admin', 'superadmin')
@ApiProblems(401, 403, 422)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first, filtered by user, action and time' })
  @ApiOkResponse({ type: AuditPageDto })
  async listAuditLog(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return toAuditPage(await this.audit.list(query), query);
  }
}

/** The signed-in user's own security activity: what happened to their account, newest first. */
@ApiTags('Account security')
@Controller('me/security-activity')
@RequireRoles('user', 'admin', 'superadmin')
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

function toAuditPage(
  { items, total }: { items: AuditEntry[]; total: number },
  query: { page: number; pageSize: number },
): AuditPageDto {
  return {
    items: items.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      actorId: entry.actorId,
      action: entry.action,
      targetUserId: entry.targetUserId,
      ip: entry.ip,
      userAgent: entry.userAgent,
      details: entry.details,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
