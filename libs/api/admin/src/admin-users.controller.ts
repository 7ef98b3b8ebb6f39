import { auditContextOf } from '@huntkit/api/audit';
import { ApiProblems, RequireRoles, type SignedInRequest } from '@huntkit/api/core';
import { Body, Controller, Param, ParseUUIDPipe, Patch, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminUsersService } from './admin-users.service';
import { AdminUserDto, UpdateUserAccessDto } from './dto/admin-user.dto';

@ApiTags('Admin')
@Controller('admin/users/:userId')
@RequireRoles('admin', 'superadmin')
@ApiProblems(401, 403, 404, 409, 422)
export class AdminUsersController {
  constructor(private readonly admin: AdminUsersService) {}

  @Patch()
  @ApiOperation({
    summary: "Change a user's roles or deactivate / reactivate the account",
    description:
      'Deactivation ends every session of the account at its next request. Admin roles and admin accounts need a superadmin; nobody changes their own access. Each change writes one audit row.',
  })
  @ApiOkResponse({ type: AdminUserDto })
  async updateUserAccess(
    @Param('userId', new ParseUUIDPipe({ version: '4' })) userId: string,
    @Body() body: UpdateUserAccessDto,
    @Req() request: SignedInRequest,
  ): Promise<AdminUserDto> {
    const user = await this.admin.changeAccess(userId, body, {
      ...auditContextOf(request),
      roles: request.user.roles,
    });
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: [...user.roles],
      active: user.deactivatedAt === null,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
