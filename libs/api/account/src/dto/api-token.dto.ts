import { API_TOKEN_SCOPE_NAMES, type ApiTokenScope } from '@huntkit/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export const MAX_API_TOKEN_DAYS = 366;

export class CreateApiTokenDto {
  @ApiProperty({ example: 'CI pipeline', minLength: 1, maxLength: 80 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'Name the token so you can recognise it later.' })
  @MaxLength(80, { message: 'Use at most 80 characters.' })
  @Matches(/^[^\p{Cc}<>]*$/u, { message: 'Use letters, digits, spaces and punctuation only.' })
  name!: string;

  @ApiProperty({ enum: API_TOKEN_SCOPE_NAMES, isArray: true, example: ['account:read', 'runs:read'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'Pick at least one scope.' })
  @ArrayMaxSize(API_TOKEN_SCOPE_NAMES.length)
  @ArrayUnique({ message: 'List each scope once.' })
  @IsIn(API_TOKEN_SCOPE_NAMES, { each: true, message: 'Unknown scope.' })
  scopes!: ApiTokenScope[];

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_API_TOKEN_DAYS,
    example: 90,
    description: 'Days until the token stops working; null for a token that never expires',
  })
  @IsOptional()
  @IsInt({ message: 'Use a whole number of days.' })
  @Min(1, { message: 'Use at least 1 day.' })
  @Max(MAX_API_TOKEN_DAYS, { message: `Use at most ${MAX_API_TOKEN_DAYS} days.` })
  expiresInDays?: number | null;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CI pipeline' }) name!: string;
  @ApiProperty({ enum: API_TOKEN_SCOPE_NAMES, isArray: true }) scopes!: ApiTokenScope[];
  @ApiProperty({ example: 'hk_pat_3Fq9', description: 'The first characters of the secret' })
  displayPrefix!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiProperty() expired!: boolean;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({
    example: 'hk_pat_3Fq9…',
    description: 'The secret, shown this once: send it as `Authorization: Bearer <token>`',
  })
  token!: string;
}

export class ApiTokenScopeDto {
  @ApiProperty({ enum: API_TOKEN_SCOPE_NAMES }) scope!: ApiTokenScope;
  @ApiProperty({ example: 'Read your runs, their output and findings' }) description!: string;
}
