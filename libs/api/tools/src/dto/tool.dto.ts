import { Omittable } from '@huntkit/api/core';
import { ITEM_KINDS, type ItemKind } from '@huntkit/shared/workflow';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min, ValidateIf } from 'class-validator';

export class ToolDto {
  @ApiProperty({ example: 'port-scan' }) id!: string;
  @ApiProperty({ example: 'Port scan' }) name!: string;
  @ApiProperty({ example: 'network', description: 'A category id from GET /api/tools/categories' })
  category!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ example: 2, description: 'Credits a run costs' }) cost!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of the configuration; the web app builds its form from it',
  })
  configSchema!: Record<string, unknown>;
  @ApiProperty({ enum: ITEM_KINDS, isArray: true, example: ['host', 'port', 'service'] })
  produces!: ItemKind[];
  @ApiProperty({
    enum: ITEM_KINDS,
    isArray: true,
    example: ['host'],
    description: 'The result kinds a workflow connection may feed it',
  })
  accepts!: ItemKind[];
  @ApiProperty({ example: 'target', description: 'The config field a workflow connection fills' })
  inputField!: string;
  @ApiProperty({ example: 300 }) defaultTimeoutSeconds!: number;
  @ApiProperty({ example: 1800 }) maxTimeoutSeconds!: number;
  @ApiPropertyOptional({ example: 'nmap', description: 'The program a wrapper runs, when it is one' })
  program?: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'Why it cannot run now, if it cannot',
  })
  unavailableReason!: string | null;
}

export class ConfigureToolDto {
  @ApiPropertyOptional({ description: 'Switch the tool on or off for everyone' })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: 1000,
    description: 'Credits per run; null restores the default',
  })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'Use a whole number of credits.' })
  @Min(0)
  @Max(1000)
  cost?: number | null;
}
