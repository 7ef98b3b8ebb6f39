import { Omittable, PagedTimeRangeQueryDto, PageInfoDto } from '@huntkit/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const BUCKET_KINDS = ['daily', 'pro', 'topup', 'grant'] as const;
const LEDGER_KINDS = ['grant', 'spend', 'refund', 'expiry'] as const;

export class CreditBucketDto {
  @ApiProperty({ enum: BUCKET_KINDS, description: 'daily free, Pro monthly, top-up pack or admin grant' })
  kind!: (typeof BUCKET_KINDS)[number];
  @ApiProperty({ example: 7 }) remaining!: number;
  @ApiProperty({ example: 10 }) granted!: number;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When what is left expires (daily credits: the next local midnight); null never',
  })
  expiresAt!: string | null;
}

export class CreditBalanceDto {
  @ApiProperty({ example: 107, description: 'Credits available now, every bucket together' })
  total!: number;
  @ApiProperty({
    example: 3,
    description: 'Credits held by runs still going (already taken from the buckets)',
  })
  reserved!: number;
  @ApiProperty({ example: 10, description: 'Free credits granted every day' })
  dailyAllowance!: number;
  @ApiProperty({
    format: 'date-time',
    description: "The next reset of the daily credits (the user's midnight)",
  })
  dailyResetsAt!: string;
  @ApiProperty({ type: CreditBucketDto, isArray: true, description: 'In the order they are spent' })
  buckets!: CreditBucketDto[];
}

export class LedgerQueryDto extends PagedTimeRangeQueryDto {
  @ApiPropertyOptional({
    enum: LEDGER_KINDS,
    isArray: true,
    description: 'Only these kinds (repeat the parameter)',
  })
  @Omittable()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value : [value]))
  @IsIn(LEDGER_KINDS, { each: true, message: `Use ${LEDGER_KINDS.join(', ')}.` })
  kind?: (typeof LEDGER_KINDS)[number][];
}

export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: LEDGER_KINDS }) kind!: (typeof LEDGER_KINDS)[number];
  @ApiProperty({ example: -3, description: 'Signed: grants and refunds add, spends and expiries take' })
  amount!: number;
  @ApiProperty({ enum: BUCKET_KINDS }) bucketKind!: (typeof BUCKET_KINDS)[number];
  @ApiProperty({ example: 'run:4f1c…', description: 'What caused it (a run, an invoice, a pack, a grant)' })
  reference!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
}

export class LedgerPageDto extends PageInfoDto {
  @ApiProperty({ type: LedgerEntryDto, isArray: true }) items!: LedgerEntryDto[];
}

export class UsageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 366, default: 30 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days = 30;
}

export class UsageDayDto {
  @ApiProperty({ example: '2026-11-24', description: "A day in the user's time zone" }) date!: string;
  @ApiProperty({ example: 12 }) spent!: number;
}

export class AdminCreditGrantDto {
  @ApiProperty({ minimum: 1, maximum: 100_000, example: 50 })
  @IsInt({ message: 'Use a whole number of credits.' })
  @Min(1)
  @Max(100_000)
  amount!: number;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description: 'When unspent credits expire; never if absent',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'Use an ISO 8601 date-time.' })
  expiresAt?: Date | null;

  @ApiProperty({ example: 'Compensation for the outage on 3 March', minLength: 3, maxLength: 300 })
  @IsString()
  @MinLength(3, { message: 'Say why, for the audit log.' })
  @MaxLength(300)
  reason!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Chosen by the client; a repeated request with it grants once. Required unless the request has an Idempotency-Key header.',
  })
  @Omittable()
  @IsUUID('4')
  idempotencyKey?: string;
}
