import { Omittable, PageInfoDto } from '@huntkit/api/core';
import { ITEM_KINDS } from '@huntkit/shared/workflow';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { NODE_STATUSES } from '../entities/workflow-run-node.entity';
import { WORKFLOW_RUN_STATUSES } from '../entities/workflow-run.entity';

export class LaunchWorkflowDto {
  @ApiPropertyOptional({
    description: 'Makes a retry return the same run (or send an Idempotency-Key header)',
    example: '7b3f2c1e-…',
  })
  @Omittable()
  @IsString()
  @Matches(/^[\w.:~+/=-]{1,100}$/, { message: 'Use 1 to 100 letters, digits or -_.:~+/=.' })
  idempotencyKey?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 720,
    default: 24,
    description:
      'Reuse a node’s results from an identical run this many hours old or younger; 0 runs everything',
  })
  @Omittable()
  @IsInt({ message: 'Use a whole number of hours.' })
  @Min(0)
  @Max(720, { message: 'Use at most 720 hours (30 days).' })
  cacheMaxAgeHours = 24;
}

export class WorkflowRunNodeDto {
  @ApiProperty({ example: 'scan' }) nodeId!: string;
  @ApiProperty({ enum: NODE_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was skipped, failed, capped or cached' })
  reason!: string | null;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Its tool runs: each has its terminal and findings under /api/runs',
  })
  runIds!: string[];
  @ApiProperty({ example: 5, description: 'Tool runs it starts (once per input item)' }) launchCount!: number;
  @ApiProperty({ example: 12, description: 'Items it gave its children' }) itemCount!: number;
  @ApiProperty({ example: 2, description: 'Credits its runs cost (0 when cached)' }) cost!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
}

export class WorkflowRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) workflowId!: string;
  @ApiProperty({ example: 3, description: 'The workflow version it ran' }) version!: number;
  @ApiProperty({ enum: WORKFLOW_RUN_STATUSES }) status!: string;
  @ApiProperty({ example: 86400 }) cacheMaxAgeSeconds!: number;
  @ApiProperty({ example: 1, description: 'How many times it was started (1, plus one per resume)' })
  attempt!: number;
  @ApiProperty() cancelRequested!: boolean;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ example: 6, description: 'Credits its tool runs actually cost' }) cost!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ type: [WorkflowRunNodeDto] }) nodes!: WorkflowRunNodeDto[];
}

export class WorkflowRunPageDto {
  @ApiProperty({ type: [WorkflowRunDto] }) items!: WorkflowRunDto[];
  @ApiProperty({ type: PageInfoDto }) page!: PageInfoDto;
}

export class WorkflowItemDto {
  @ApiProperty({ enum: ITEM_KINDS }) kind!: string;
  @ApiProperty({ example: 'tcp/443' }) key!: string;
  @ApiProperty({ example: 'example.com:443', description: 'What a child is given' }) value!: string;
  @ApiPropertyOptional() host?: string;
  @ApiPropertyOptional() port?: number;
  @ApiPropertyOptional() status?: number;
  @ApiPropertyOptional() severity?: string;
}

export class WorkflowRunNodeDetailDto extends WorkflowRunNodeDto {
  @ApiProperty({ type: [WorkflowItemDto] }) items!: WorkflowItemDto[];
}
