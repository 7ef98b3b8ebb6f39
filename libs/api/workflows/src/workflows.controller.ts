import { ApiProblems, Idempotent, SignedIn, type SignedInRequest, TokenScope } from '@huntkit/api/core';
import type { WorkflowCostEstimate } from '@huntkit/shared/workflow';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ExportWorkflowQueryDto,
  ImportWorkflowDto,
  SaveWorkflowDto,
  UpdateWorkflowDto,
  ValidateWorkflowDto,
  WorkflowDto,
  WorkflowListQueryDto,
  WorkflowPageDto,
  WorkflowSummaryDto,
  WorkflowTemplateDto,
  WorkflowValidationDto,
} from './dto/workflow.dto';
import { type WorkflowCostDto, WorkflowGraphDto } from './dto/workflow-graph.dto';
import { type WorkflowView, WorkflowsService } from './workflows.service';

const toCostDto = (estimate: WorkflowCostEstimate): WorkflowCostDto => ({
  exact: estimate.exact,
  upperBound: estimate.upperBound,
  nodes: estimate.nodes.map((node) => ({
    nodeId: node.nodeId,
    costPerRun: node.costPerRun,
    maxRuns: node.runs.max,
    exact: node.runs.exact,
  })),
});

function toSummaryDto({ workflow, graph, checked }: WorkflowView): WorkflowSummaryDto {
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    version: workflow.version,
    nodeCount: graph.nodes.length,
    toolIds: [...new Set(graph.nodes.flatMap((node) => (node.type === 'tool' ? [node.toolId] : [])))],
    cost: toCostDto(checked.estimate),
    createdAt: workflow.createdAt.toISOString(),
    updatedAt: workflow.updatedAt.toISOString(),
  };
}

const toWorkflowDto = (view: WorkflowView): WorkflowDto => ({
  ...toSummaryDto(view),
  graph: view.graph as unknown as WorkflowGraphDto,
});

@ApiTags('Workflows')
@Controller()
@SignedIn()
@ApiProblems(401, 403)
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Get('workflows')
  @TokenScope('workflows:read')
  @ApiOperation({ summary: 'Your workflows, most recently changed first' })
  @ApiOkResponse({ type: WorkflowPageDto })
  @ApiProblems(422)
  async listWorkflows(
    @Req() request: SignedInRequest,
    @Query() query: WorkflowListQueryDto,
  ): Promise<WorkflowPageDto> {
    const { items, total } = await this.workflows.list(request.user.id, query);
    return { items: items.map(toSummaryDto), page: { total, page: query.page, pageSize: query.pageSize } };
  }

  @Post('workflows')
  @Idempotent()
  @TokenScope('workflows:write')
  @ApiOperation({
    summary: 'Save a new workflow',
    description:
      'The graph must pass the same rules as POST /api/workflows/validate; otherwise 422 with one error per problem, each naming its nodes (`nodeIds`).',
  })
  @ApiCreatedResponse({ type: WorkflowDto, description: 'Saved as version 1' })
  @ApiProblems(422)
  async createWorkflow(@Req() request: SignedInRequest, @Body() body: SaveWorkflowDto): Promise<WorkflowDto> {
    return toWorkflowDto(await this.workflows.create(request.user.id, body));
  }

  @Post('workflows/validate')
  @HttpCode(HttpStatus.OK)
  @TokenScope('workflows:read')
  @ApiOperation({
    summary: 'Check a workflow graph without saving it',
    description:
      'Answers every problem (unknown tools, connections between kinds that do not fit, loops, settings a tool refuses, targets that are not hosts or URLs) and what running it would cost.',
  })
  @ApiOkResponse({ type: WorkflowValidationDto })
  @ApiProblems(422)
  async validateWorkflow(@Body() body: ValidateWorkflowDto): Promise<WorkflowValidationDto> {
    const checked = await this.workflows.validate(body.graph);
    return {
      valid: checked.problems.length === 0,
      problems: checked.problems,
      cost: toCostDto(checked.estimate),
    };
  }

  @Post('workflows/import')
  @Idempotent()
  @TokenScope('workflows:write')
  @ApiOperation({
    summary: 'Save a workflow from an exported file',
    description:
      'Reads YAML or JSON as exported by GET /api/workflows/{workflowId}/export and checks it like a save.',
  })
  @ApiCreatedResponse({ type: WorkflowDto })
  @ApiProblems(422)
  async importWorkflow(
    @Req() request: SignedInRequest,
    @Body() body: ImportWorkflowDto,
  ): Promise<WorkflowDto> {
    return toWorkflowDto(await this.workflows.import(request.user.id, body.content));
  }

  @Get('workflow-templates')
  @TokenScope('workflows:read')
  @ApiOperation({ summary: 'Workflows to start from, with what each would cost' })
  @ApiOkResponse({ type: [WorkflowTemplateDto] })
  async listWorkflowTemplates(): Promise<WorkflowTemplateDto[]> {
    return (await this.workflows.templates()).map(({ template, checked }) => ({
      id: template.id,
      name: template.name,
      summary: template.summary,
      graph: template.graph as unknown as WorkflowGraphDto,
      cost: toCostDto(checked.estimate),
    }));
  }

  @Get('workflows/:workflowId')
  @TokenScope('workflows:read')
  @ApiOperation({ summary: 'One of your workflows, with the graph of its current version' })
  @ApiOkResponse({ type: WorkflowDto })
  @ApiProblems(404)
  async getWorkflow(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Req() request: SignedInRequest,
  ): Promise<WorkflowDto> {
    return toWorkflowDto(await this.workflows.get(request.user.id, workflowId));
  }

  @Put('workflows/:workflowId')
  @TokenScope('workflows:write')
  @ApiOperation({
    summary: 'Save changes to a workflow',
    description:
      'A changed graph becomes the next version; a new name or description alone keeps it. Send the version you edited: if the workflow was saved since, 409 `workflow_version_conflict`. Sending what is already saved changes nothing.',
  })
  @ApiOkResponse({ type: WorkflowDto })
  @ApiProblems(404, 409, 422)
  async updateWorkflow(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Req() request: SignedInRequest,
    @Body() body: UpdateWorkflowDto,
  ): Promise<WorkflowDto> {
    return toWorkflowDto(await this.workflows.update(request.user.id, workflowId, body));
  }

  @Delete('workflows/:workflowId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @TokenScope('workflows:write')
  @ApiOperation({ summary: 'Delete a workflow and all its versions' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404)
  async deleteWorkflow(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Req() request: SignedInRequest,
  ): Promise<void> {
    await this.workflows.remove(request.user.id, workflowId);
  }

  @Get('workflows/:workflowId/versions/:version')
  @TokenScope('workflows:read')
  @ApiOperation({ summary: 'The graph of one saved version of a workflow' })
  @ApiOkResponse({ type: WorkflowGraphDto })
  @ApiProblems(404, 422)
  async getWorkflowVersion(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Param('version', ParseIntPipe) version: number,
    @Req() request: SignedInRequest,
  ): Promise<WorkflowGraphDto> {
    return (await this.workflows.version(
      request.user.id,
      workflowId,
      version,
    )) as unknown as WorkflowGraphDto;
  }

  @Get('workflows/:workflowId/export')
  @TokenScope('workflows:read')
  @ApiOperation({
    summary: 'Download a workflow as a file to keep in git',
    description: 'YAML by default, JSON with ?format=json; POST /api/workflows/import reads either back.',
  })
  @ApiProduces('application/yaml', 'application/json')
  @ApiOkResponse({
    description: 'The workflow file',
    content: {
      'application/yaml': { schema: { type: 'string' } },
      'application/json': { schema: { type: 'object' } },
    },
  })
  @ApiProblems(404, 422)
  async exportWorkflow(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Query() query: ExportWorkflowQueryDto,
    @Req() request: SignedInRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.workflows.export(request.user.id, workflowId, query.format);
    await reply
      .type(query.format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(file.text);
  }
}
