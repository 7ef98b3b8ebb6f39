import { Omittable, PagedTimeRangeQueryDto, PageInfoDto } from '@huntkit/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { RESULT_CHANGES, type ResultChange } from '../entities/tool-run-result.entity';
import { RUN_STATUSES, type RunStatus, SEVERITIES } from '../entities/tool-run.entity';

export class LaunchRunDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { target: 'scanme.example.com', ports: '22,80,443' },
    description: "The tool's settings, checked against its configSchema (defaults fill what is left out)",
  })
  @IsObject({ message: 'Send the settings as a JSON object.' })
  config!: Record<string, unknown>;

  @ApiPropertyOptional({
    example: '7f9c2ba4-e88f-4a2b-9b0e-2f6c1d1d8a11',
    description:
      'Made by the client once per launch: a retry with the same key returns the same run. Required unless the request has an Idempotency-Key header.',
  })
  @Omittable()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,100}$/, { message: 'Use 8 to 100 letters, digits, dashes or underscores.' })
  idempotencyKey?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 10,
    description: "Wall-clock limit in seconds; the tool's default when left out, at most its maximum",
  })
  @Omittable()
  @IsInt()
  @Min(10)
  @Max(86_400)
  timeoutSeconds?: number;
}

export class RunResultCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { info: 3, low: 1, medium: 0, high: 0, critical: 0 },
  })
  bySeverity!: Record<string, number>;
  @ApiProperty({ description: 'Not found by the previous run of the tool on this target' }) new!: number;
  @ApiProperty({ description: 'Found by the previous run and not by this one' }) gone!: number;
}

export class RunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'port-scan' }) toolId!: string;
  @ApiProperty({ example: 'Port scan' }) toolName!: string;
  @ApiProperty({ example: 'scanme.example.com' }) target!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty({ description: 'Credits reserved or spent (given back when it fails or is cancelled)' })
  cost!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'Running time so far or in all' })
  durationMs!: number | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ type: RunResultCountsDto, nullable: true }) resultCounts!: RunResultCountsDto | null;
  @ApiProperty({ description: 'A cancel was asked for and the worker is stopping the run' })
  cancelRequested!: boolean;
}

export class RunDetailDto extends RunDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) config!: Record<string, unknown>;
  @ApiProperty() timeoutSeconds!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) previousRunId!: string | null;
  @ApiProperty({ description: 'Bytes of terminal output kept' }) outputBytes!: number;
  @ApiProperty({ description: 'The output passed the cap and was cut' }) outputTruncated!: boolean;
  @ApiProperty({ description: 'The raw log can still be downloaded (retention has not removed it)' })
  logAvailable!: boolean;
}

export class RunPageDto {
  @ApiProperty({ type: [RunDto] }) items!: RunDto[];
  @ApiProperty({ type: PageInfoDto }) page!: PageInfoDto;
}

export class RunListQueryDto extends PagedTimeRangeQueryDto {
  @ApiPropertyOptional({ example: 'port-scan' })
  @Omittable()
  @IsString()
  @MaxLength(60)
  toolId?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @Omittable()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;

  @ApiPropertyOptional({ description: 'Part of the target, any case', example: 'example.com' })
  @Omittable()
  @IsString()
  @MaxLength(200)
  target?: string;
}

export class RunResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'port' }) kind!: string;
  @ApiProperty({ example: 'tcp/443', description: 'What makes it the same result across runs' }) key!: string;
  @ApiProperty({ example: '443/tcp open' }) title!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty({
    enum: RESULT_CHANGES,
    description: 'Compared with the previous run of the tool on this target',
  })
  change!: ResultChange;
  @ApiProperty({ description: 'Stable across runs of the same tool on the same target' })
  fingerprint!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class RunResultsQueryDto {
  @ApiPropertyOptional({ enum: SEVERITIES })
  @Omittable()
  @IsIn(SEVERITIES)
  severity?: string;

  @ApiPropertyOptional({ enum: RESULT_CHANGES })
  @Omittable()
  @IsIn(RESULT_CHANGES)
  change?: ResultChange;
}

export class RunStreamQueryDto {
  @ApiPropertyOptional({
    description: 'Resume after this event id (the Last-Event-ID header wins when both are sent)',
  })
  @Omittable()
  @IsString()
  @MaxLength(40)
  @Type(() => String)
  lastEventId?: string;
}
