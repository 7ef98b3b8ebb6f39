import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class LivenessDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ example: '0.1.0' }) version!: string;
  @ApiProperty({ example: 1234, description: 'Seconds since this process started' }) uptimeSeconds!: number;
}

export class DependencyCheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiPropertyOptional({ example: 1.7 }) latencyMs?: number;
  @ApiPropertyOptional({ example: 'connection refused' }) detail?: string;
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
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @Matches(/^[^\p{Cc}]*$/u, { message: 'label must not contain control characters' })
  label?: string;
}

export class WorkerProbeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ nullable: true, example: 'post-deploy check' }) label!: string | null;
  @ApiProperty({ enum: ['queued', 'completed'] }) status!: 'queued' | 'completed';
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'worker-1:4242' }) workerId!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Time the job waited in the queue' }) queueDelayMs!:
    | number
    | null;
  @ApiPropertyOptional({ nullable: true }) databaseLatencyMs!: number | null;
  @ApiPropertyOptional({ nullable: true }) redisLatencyMs!: number | null;
}

export class WorkerProbeParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
