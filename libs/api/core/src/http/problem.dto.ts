import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { titleForStatus } from '../errors/problem';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: '/email', description: 'JSON pointer into the request' }) pointer!: string;
  @ApiProperty({ example: 'email must be an email' }) detail!: string;
  @ApiPropertyOptional({
    example: 'kind_not_accepted',
    description: 'What is wrong, as a stable code, where the field has several ways to be wrong',
  })
  code?: string;
  @ApiPropertyOptional({
    type: [String],
    example: ['scan', 'tls'],
    description: 'The workflow nodes the error is about, for errors in a workflow graph',
  })
  nodeIds?: string[];
}

/** RFC 9457 problem details as every Huntkit error is sent (content type application/problem+json). */
export class ProblemDto {
  @ApiProperty({ example: 'about:blank' }) type!: string;
  @ApiProperty({ example: 'Unprocessable Entity' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiPropertyOptional({ example: 'The request has invalid fields.' }) detail?: string;
  @ApiPropertyOptional({ example: '/api/auth/register' }) instance?: string;
  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable error code' })
  code!: string;
  @ApiPropertyOptional({ example: '3f0c9a4e-2d1b-4c36-9a55-7e1f0f2b8c11' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Present on 422: one entry per failed rule' })
  errors?: FieldErrorDto[];
}

/** Documents the problem responses an operation can answer besides its success. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: titleForStatus(status),
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
