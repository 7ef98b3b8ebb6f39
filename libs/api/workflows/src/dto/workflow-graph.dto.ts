import { FILTERS, INPUT_KINDS, ITEM_KINDS, SEVERITY_ORDER } from '@huntkit/shared/workflow';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * The graph as Swagger documents it. Requests are not checked field by field here: the whole graph
 * goes through `validateGraph`, the same rules the editor applies, which name the nodes at fault.
 */

export class WorkflowPositionDto {
  @ApiProperty({ example: 280 }) x!: number;
  @ApiProperty({ example: 0 }) y!: number;
}

export class WorkflowViewportDto extends WorkflowPositionDto {
  @ApiProperty({ example: 1, minimum: 0.05, maximum: 4 }) zoom!: number;
}

export class WorkflowFilterDto {
  @ApiProperty({ enum: FILTERS.map((filter) => filter.type) }) type!: string;
  @ApiPropertyOptional({ type: [Number], example: [200, 301], description: 'For `status`' })
  statuses?: number[];
  @ApiPropertyOptional({ type: [Number], example: [443, 8443], description: 'For `ports`' })
  ports?: number[];
  @ApiPropertyOptional({ enum: SEVERITY_ORDER, description: 'For `severity`' }) atLeast?: string;
  @ApiPropertyOptional({ example: '^admin', description: 'For `match`: a regular expression on the key' })
  pattern?: string;
  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 1000, description: 'For `first`' })
  count?: number;
}

export class WorkflowNodeDto {
  @ApiProperty({ example: 'scan', pattern: '^[A-Za-z0-9_-]{1,40}$' }) id!: string;
  @ApiProperty({ enum: ['input', 'tool', 'filter'] }) type!: 'input' | 'tool' | 'filter';
  @ApiPropertyOptional({ maxLength: 80 }) label?: string;
  @ApiProperty({ type: WorkflowPositionDto }) position!: WorkflowPositionDto;
  @ApiPropertyOptional({ enum: INPUT_KINDS, description: 'Input nodes: what the targets are' })
  kind?: string;
  @ApiPropertyOptional({
    type: [String],
    example: ['example.com'],
    description: 'Input nodes: one target each',
  })
  targets?: string[];
  @ApiPropertyOptional({ example: 'port-scan', description: 'Tool nodes: a tool id from GET /api/tools' })
  toolId?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "Tool nodes: the tool's settings; the field a connection fills is left out",
  })
  config?: Record<string, unknown>;
  @ApiPropertyOptional({
    enum: ['each', 'list'],
    description: 'Tool nodes: one run per item (each) or one over the list',
  })
  fanOut?: string;
  @ApiPropertyOptional({ type: WorkflowFilterDto, description: 'Filter nodes' }) filter?: WorkflowFilterDto;
}

export class WorkflowEdgeDto {
  @ApiProperty({ example: 'scan-port-tls' }) id!: string;
  @ApiProperty({ example: 'scan' }) source!: string;
  @ApiProperty({ enum: ITEM_KINDS, description: 'The output of the source node it carries' }) kind!: string;
  @ApiProperty({ example: 'tls' }) target!: string;
}

export class WorkflowGraphDto {
  @ApiProperty({ type: [WorkflowNodeDto], maxItems: 50 }) nodes!: WorkflowNodeDto[];
  @ApiProperty({ type: [WorkflowEdgeDto], maxItems: 200 }) edges!: WorkflowEdgeDto[];
  @ApiPropertyOptional({ type: WorkflowViewportDto }) viewport?: WorkflowViewportDto;
}

export class NodeCostDto {
  @ApiProperty({ example: 'scan' }) nodeId!: string;
  @ApiProperty({ example: 2 }) costPerRun!: number;
  @ApiProperty({ example: 3, description: 'Most runs the node starts (its fan-out cap when not known)' })
  maxRuns!: number;
  @ApiProperty({ description: 'Whether the run count is known before the workflow runs' }) exact!: boolean;
}

export class WorkflowCostDto {
  @ApiProperty({ example: 6, description: 'Credits the nodes with a known run count cost' }) exact!: number;
  @ApiProperty({ example: 106, description: 'The most the workflow can cost' }) upperBound!: number;
  @ApiProperty({ type: [NodeCostDto] }) nodes!: NodeCostDto[];
}

export class GraphProblemDto {
  @ApiProperty({ example: '/edges/1', description: 'JSON pointer into the graph' }) pointer!: string;
  @ApiProperty({ example: 'kind_not_accepted' }) code!: string;
  @ApiProperty({ example: 'Path discovery cannot take port results; it takes url.' }) message!: string;
  @ApiProperty({ type: [String], example: ['scan', 'paths'] }) nodeIds!: string[];
}
