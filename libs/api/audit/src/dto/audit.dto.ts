import { Omittable, PagedTimeRangeQueryDto, PageInfoDto } from '@huntkit/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import type { AuditEntry } from '../entities/audit-entry.entity';

export class AuditQueryDto extends PagedTimeRangeQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Rows where this user acted or was acted on' })
  @Omittable()
  @IsUUID('4')
  userId?: string;

  @ApiPropertyOptional({ example: 'credits.granted' })
  @Omittable()
  @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'Use a dotted action name such as credits.granted.' })
  action?: string;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ example: 'credits.granted' }) action!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) targetUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) userAgent!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class AuditPageDto extends PageInfoDto {
  @ApiProperty({ type: AuditEntryDto, isArray: true }) items!: AuditEntryDto[];
}

/** A page of audit entries as the API answers it (the admin log and each user's own activity). */
export function toAuditPage(
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
