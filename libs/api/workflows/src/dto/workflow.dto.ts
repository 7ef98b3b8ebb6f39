import { Omittable, PageInfoDto } from '@huntkit/api/core';
import { WORKFLOW_FILE_MAX_BYTES } from '@huntkit/shared/workflow';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { GraphProblemDto, WorkflowCostDto, WorkflowGraphDto } from './workflow-graph.dto';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

export class ValidateWorkflowDto {
  @ApiProperty({ type: WorkflowGraphDto })
  @IsObject({ message: 'A graph is an object with nodes and edges.' })
  graph!: WorkflowGraphDto;
}

export class SaveWorkflowDto extends ValidateWorkflowDto {
  @ApiProperty({ example: 'Subdomains to headers', minLength: 1, maxLength: 120 })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'Name the workflow.' })
  @MaxLength(120, { message: 'Use at most 120 characters.' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'Use letters, digits, spaces and punctuation only.' })
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(2000, { message: 'Use at most 2,000 characters.' })
  description?: string;
}

export class UpdateWorkflowDto extends SaveWorkflowDto {
  @ApiProperty({
    example: 3,
    description: 'The version you edited: a save over a newer one answers 409 instead of losing it',
  })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ImportWorkflowDto {
  @ApiProperty({
    description: 'An exported workflow file (YAML or JSON), as text',
    maxLength: WORKFLOW_FILE_MAX_BYTES,
  })
  @IsString()
  @MaxLength(WORKFLOW_FILE_MAX_BYTES, { message: 'A workflow file has at most 256 KB.' })
  content!: string;
}

export class ExportWorkflowQueryDto {
  @ApiPropertyOptional({ enum: ['yaml', 'json'], default: 'yaml' })
  @Omittable()
  @IsIn(['yaml', 'json'])
  format: 'yaml' | 'json' = 'yaml';
}

export class WorkflowListQueryDto {
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
}

export class WorkflowSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Subdomains to headers' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 3, description: 'The current version; each change to the graph makes a new one' })
  version!: number;
  @ApiProperty({ example: 5 }) nodeCount!: number;
  @ApiProperty({ type: [String], example: ['subdomain-discovery', 'http-probe'] }) toolIds!: string[];
  @ApiProperty({ type: WorkflowCostDto }) cost!: WorkflowCostDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class WorkflowDto extends WorkflowSummaryDto {
  @ApiProperty({ type: WorkflowGraphDto }) graph!: WorkflowGraphDto;
}

export class WorkflowPageDto {
  @ApiProperty({ type: [WorkflowSummaryDto] }) items!: WorkflowSummaryDto[];
  @ApiProperty({ type: PageInfoDto }) page!: PageInfoDto;
}

export class WorkflowValidationDto {
  @ApiProperty({ description: 'True when the graph can be saved and run as it is' }) valid!: boolean;
  @ApiProperty({ type: [GraphProblemDto] }) problems!: GraphProblemDto[];
  @ApiProperty({ type: WorkflowCostDto }) cost!: WorkflowCostDto;
}

export class WorkflowTemplateDto {
  @ApiProperty({ example: 'ports-to-tls' }) id!: string;
  @ApiProperty({ example: 'Port scan → TLS inspection' }) name!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: WorkflowGraphDto }) graph!: WorkflowGraphDto;
  @ApiProperty({ type: WorkflowCostDto }) cost!: WorkflowCostDto;
}
