import { Omittable } from '@huntkit/api/core';
import type { Role } from '@huntkit/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';

const ROLES: readonly Role[] = ['user', 'admin', 'superadmin'];

export class UpdateUserAccessDto {
  @ApiPropertyOptional({
    enum: ROLES,
    isArray: true,
    description: "The account's roles; `user` is always kept. Admin roles need a superadmin.",
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(ROLES, { each: true, message: 'Roles are user, admin and superadmin.' })
  roles?: Role[];

  @ApiPropertyOptional({
    description: 'False deactivates the account and ends its sessions; true restores it.',
  })
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ maxLength: 300, description: 'Why, for the audit log' })
  @Omittable()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export class AdminUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
