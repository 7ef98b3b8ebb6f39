import { Omittable } from '../errors/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, Max, Min } from 'class-validator';

/**
 * `?page=&pageSize=&from=&to=` for lists read newest first (ledgers, logs, histories). Features extend
 * it with their own filters.
 */
export class PagedTimeRangeQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive)' })
  @Omittable()
  @Type(() => Date)
  @IsDate({ message: 'Use an ISO 8601 date-time.' })
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Up to this instant (exclusive)' })
  @Omittable()
  @Type(() => Date)
  @IsDate({ message: 'Use an ISO 8601 date-time.' })
  to?: Date;
}

/** The paging half of a list answer. */
export class PageInfoDto {
  @ApiProperty({ example: 42, description: 'Rows matching the filters, over all pages' }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
}

/** MikroORM filter on a timestamp column for an optional [from, to) range; empty when neither is set. */
export function timeRangeWhere<K extends string>(
  column: K,
  range: { from?: Date; to?: Date },
): Partial<Record<K, { $gte?: Date; $lt?: Date }>> {
  if (!range.from && !range.to) return {};
  return {
    [column]: { ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lt: range.to } : {}) },
  } as Partial<Record<K, { $gte?: Date; $lt?: Date }>>;
}

/** `limit`/`offset` for a 1-based page. */
export const pageWindow = (query: { page: number; pageSize: number }) => ({
  limit: query.pageSize,
  offset: (query.page - 1) * query.pageSize,
});
