import { ApiProblems, RequireRoles } from '@huntkit/api/core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto, toAuditPage } from './dto/audit.dto';

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
