import { Omittable } from '@huntkit/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class LivenessDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ example: '0.1.0' }) version!: string;
  @ApiProperty({ example: 1234, description: 'Seconds since this process started' }) uptimeSeconds!: number;
}

export class DependencyCheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiPropertyOptional({ example: 1.7, description: 'Present when up' }) latencyMs?: number;
}

export class ReadinessChecksDto {
  @ApiProperty() database!: DependencyCheckDto;
  @ApiProperty() redis!: DependencyCheckDto;
  @ApiProperty({ description: 'Up when every migration is applied' }) migrations!: DependencyCheckDto;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ready'] }) status!: 'ready';
  @ApiProperty() checks!: ReadinessChecksDto;
}

export class CreateWorkerProbeDto {
  @ApiPropertyOptional({
    maxLength: 80,
    example: 'post-deploy check',
    description: 'Free text to recognise the probe by',
  })
  @Omittable()
  @IsString()
  @MaxLength(80)
  @Matches(/^[^\p{Cc}]*$/u, { message: 'label must not contain control characters' })
  label?: string;
}

export class WorkerProbeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'post-deploy check' }) label!: string | null;
  @ApiProperty({ enum: ['queued', 'completed', 'failed'] }) status!: 'queued' | 'completed' | 'failed';
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'worker-3fa1c2d9',
    description: 'Opaque id of the worker process that ran it',
  })
  workerId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Time the job waited in the queue' })
  queueDelayMs!: number | null;
  @ApiProperty({ nullable: true, type: Number }) databaseLatencyMs!: number | null;
  @ApiProperty({ nullable: true, type: Number }) redisLatencyMs!: number | null;
}

export class WorkerProbeParams {
  @ApiProperty({ format: 'uuid', description: 'The id the probe was created with' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
