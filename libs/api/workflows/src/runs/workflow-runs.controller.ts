import {
  ApiProblems,
  Idempotent,
  operationKeyOf,
  SignedIn,
  type SignedInRequest,
  takeOverResponse,
  TokenScope,
} from '@huntkit/api/core';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { WorkflowListQueryDto } from '../dto/workflow.dto';
import {
  LaunchWorkflowDto,
  WorkflowRunDto,
  WorkflowRunNodeDetailDto,
  type WorkflowRunNodeDto,
  WorkflowRunPageDto,
} from './dto/workflow-run.dto';
import type { WorkflowRunNode } from './entities/workflow-run-node.entity';
import { WorkflowRunEvents } from './workflow-run-events';
import { type WorkflowRunView, WorkflowRunsService } from './workflow-runs.service';

function toNodeDto(node: WorkflowRunNode): WorkflowRunNodeDto {
  return {
    nodeId: node.nodeId,
    status: node.status,
    reason: node.reason,
    runIds: node.launches.flatMap((launch) => (launch.toolRunId ? [launch.toolRunId] : [])),
    launchCount: node.launches.length,
    itemCount: node.items.length,
    cost: node.cost,
    startedAt: node.startedAt?.toISOString() ?? null,
    finishedAt: node.finishedAt?.toISOString() ?? null,
  };
}

export function toWorkflowRunDto({ run, nodes, cost }: WorkflowRunView): WorkflowRunDto {
  return {
    id: run.id,
    workflowId: run.workflowId,
    version: run.version,
    status: run.status,
    cacheMaxAgeSeconds: run.cacheMaxAgeSeconds,
    attempt: run.attempt,
    cancelRequested: run.cancelRequestedAt !== null,
    error: run.error,
    cost,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    nodes: [...nodes].sort((a, b) => a.nodeId.localeCompare(b.nodeId)).map(toNodeDto),
  };
}

@ApiTags('Workflow runs')
@Controller()
@SignedIn()
@ApiProblems(401, 403)
export class WorkflowRunsController {
  constructor(
    private readonly runs: WorkflowRunsService,
    private readonly events: WorkflowRunEvents,
  ) {}

  @Post('workflows/:workflowId/runs')
  @Idempotent()
  @TokenScope('workflows:run')
  @ApiOperation({
    summary: 'Run a workflow',
    description:
      'Runs the current version on the workers. Each tool node holds the credits of each of its runs as that run starts; nodes that never run cost nothing, and cached nodes (identical tool, settings and inputs within cacheMaxAgeHours) cost nothing. The same idempotency key answers 200 with the same run.',
  })
  @ApiCreatedResponse({ type: WorkflowRunDto, description: 'Started' })
  @ApiOkResponse({ type: WorkflowRunDto, description: 'The run an earlier request with this key started' })
  @ApiProblems(404, 409, 422)
  async launchWorkflowRun(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Body() body: LaunchWorkflowDto,
    @Req() request: SignedInRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WorkflowRunDto> {
    const idempotencyKey = operationKeyOf(request, body.idempotencyKey);
    const { view, created } = await this.runs.launch(request.user.id, workflowId, {
      idempotencyKey,
      cacheMaxAgeSeconds: body.cacheMaxAgeHours * 3600,
    });
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return toWorkflowRunDto(view);
  }

  @Get('workflows/:workflowId/runs')
  @TokenScope('workflows:read')
  @ApiOperation({ summary: "A workflow's runs, newest first" })
  @ApiOkResponse({ type: WorkflowRunPageDto })
  @ApiProblems(404, 422)
  async listWorkflowRuns(
    @Param('workflowId', ParseUUIDPipe) workflowId: string,
    @Query() query: WorkflowListQueryDto,
    @Req() request: SignedInRequest,
  ): Promise<WorkflowRunPageDto> {
    const { items, total } = await this.runs.list(request.user.id, workflowId, query);
    return {
      items: items.map(toWorkflowRunDto),
      page: { total, page: query.page, pageSize: query.pageSize },
    };
  }

  @Get('workflow-runs/:workflowRunId')
  @TokenScope('workflows:read')
  @ApiOperation({ summary: 'A workflow run with the state of every node' })
  @ApiOkResponse({ type: WorkflowRunDto })
  @ApiProblems(404)
  async getWorkflowRun(
    @Param('workflowRunId', ParseUUIDPipe) workflowRunId: string,
    @Req() request: SignedInRequest,
  ): Promise<WorkflowRunDto> {
    return toWorkflowRunDto(await this.runs.get(request.user.id, workflowRunId));
  }

  @Get('workflow-runs/:workflowRunId/nodes/:nodeId')
  @TokenScope('workflows:read')
  @ApiOperation({ summary: 'One node of a workflow run, with the items it gave its children' })
  @ApiOkResponse({ type: WorkflowRunNodeDetailDto })
  @ApiProblems(404)
  async getWorkflowRunNode(
    @Param('workflowRunId', ParseUUIDPipe) workflowRunId: string,
    @Param('nodeId') nodeId: string,
    @Req() request: SignedInRequest,
  ): Promise<WorkflowRunNodeDetailDto> {
    const node = await this.runs.node(request.user.id, workflowRunId, nodeId);
    return { ...toNodeDto(node), items: node.items };
  }

  @Post('workflow-runs/:workflowRunId/cancel')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @TokenScope('workflows:run')
  @ApiOperation({
    summary: 'Cancel a workflow run',
    description:
      'Cancels every running tool run (their credits go back) and every node not started yet. Cancelling a finished run changes nothing.',
  })
  @ApiOkResponse({ type: WorkflowRunDto })
  @ApiProblems(404)
  async cancelWorkflowRun(
    @Param('workflowRunId', ParseUUIDPipe) workflowRunId: string,
    @Req() request: SignedInRequest,
  ): Promise<WorkflowRunDto> {
    return toWorkflowRunDto(await this.runs.cancel(request.user.id, workflowRunId));
  }

  @Post('workflow-runs/:workflowRunId/resume')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @TokenScope('workflows:run')
  @ApiOperation({
    summary: 'Resume a failed or cancelled workflow run',
    description:
      'Nodes that finished keep their results and are not run again; the others start again. A running or succeeded run is left as it is.',
  })
  @ApiOkResponse({ type: WorkflowRunDto })
  @ApiProblems(404)
  async resumeWorkflowRun(
    @Param('workflowRunId', ParseUUIDPipe) workflowRunId: string,
    @Req() request: SignedInRequest,
  ): Promise<WorkflowRunDto> {
    return toWorkflowRunDto(await this.runs.resume(request.user.id, workflowRunId));
  }

  @Get('workflow-runs/:workflowRunId/stream')
  @TokenScope('workflows:read')
  @ApiOperation({
    summary: "Follow a workflow run's nodes live (Server-Sent Events)",
    description:
      'First a `snapshot` event (the run as GET /api/workflow-runs/{id} gives it), then a `change` event ({nodeId, status}; nodeId null for the run) each time something moves, each with an id. Reconnect with Last-Event-ID to get a fresh snapshot and only the changes after it. The stream ends once the run has.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An event stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblems(404)
  async streamWorkflowRun(
    @Param('workflowRunId', ParseUUIDPipe) workflowRunId: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: SignedInRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // The cursor is read before the snapshot: a change between the two is sent again, never lost.
    const latest = await this.events.latestId(workflowRunId);
    const cursor = lastEventId && /^\d+-\d+$/.test(lastEventId) ? lastEventId : latest;
    const view = await this.runs.get(request.user.id, workflowRunId);
    const out = takeOverResponse(reply);
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    out.write(
      `retry: 2000\n\nid: ${cursor}\nevent: snapshot\ndata: ${JSON.stringify(toWorkflowRunDto(view))}\n\n`,
    );
    await this.events.follow(workflowRunId, cursor, out, view.run.status !== 'running');
  }
}
