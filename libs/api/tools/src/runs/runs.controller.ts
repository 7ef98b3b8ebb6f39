import {
  ApiProblems,
  Idempotent,
  operationKeyOf,
  ProblemException,
  SignedIn,
  takeOverResponse,
  type SignedInRequest,
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
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { findTool } from '../definitions/tool-registry';
import {
  LaunchRunDto,
  RunDetailDto,
  RunDto,
  RunListQueryDto,
  RunPageDto,
  RunResultDto,
  RunResultsQueryDto,
  RunStreamQueryDto,
} from './dto/run.dto';
import type { ToolRunResult } from './entities/tool-run-result.entity';
import type { ToolRun } from './entities/tool-run.entity';
import { RunStreamService } from './run-stream.service';
import { RunsService } from './runs.service';

function toRunDto(run: ToolRun, now = Date.now()): RunDto {
  const end = run.finishedAt?.getTime() ?? (run.status === 'running' ? now : null);
  return {
    id: run.id,
    toolId: run.toolId,
    toolName: findTool(run.toolId)?.name ?? run.toolId,
    target: run.target,
    status: run.status,
    cost: run.cost,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.startedAt && end !== null ? end - run.startedAt.getTime() : null,
    error: run.error,
    resultCounts: run.resultCounts,
    cancelRequested: run.cancelRequestedAt !== null,
  };
}

function toRunDetailDto(run: ToolRun): RunDetailDto {
  return {
    ...toRunDto(run),
    config: run.config,
    timeoutSeconds: run.timeoutSeconds,
    previousRunId: run.previousRunId,
    outputBytes: Number(run.outputBytes),
    outputTruncated: run.outputTruncated,
    logAvailable: run.outputPurgedAt === null && run.startedAt !== null,
  };
}

function toResultDto(result: ToolRunResult): RunResultDto {
  return {
    id: result.id,
    kind: result.kind,
    key: result.key,
    title: result.title,
    severity: result.severity,
    change: result.change,
    fingerprint: result.fingerprint,
    data: result.data,
  };
}

@ApiTags('Runs')
@Controller()
@SignedIn()
@ApiProblems(401, 403)
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly streams: RunStreamService,
  ) {}

  @Post('tools/:toolId/runs')
  @Idempotent()
  @TokenScope('runs:write')
  @ApiOperation({
    summary: 'Launch a tool',
    description:
      'Checks the config against the tool schema and the target policy, reserves the credits and queues the run. A retry with the same idempotency key answers 200 with the same run and no second charge.',
  })
  @ApiCreatedResponse({ type: RunDetailDto, description: 'Queued' })
  @ApiOkResponse({ type: RunDetailDto, description: 'The run an earlier request with this key made' })
  @ApiProblems(402, 404, 409, 422, 429)
  async launchRun(
    @Param('toolId') toolId: string,
    @Body() body: LaunchRunDto,
    @Req() request: SignedInRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunDetailDto> {
    const idempotencyKey = operationKeyOf(request, body.idempotencyKey);
    const { run, created } = await this.runs.launch(request.user.id, toolId, { ...body, idempotencyKey });
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return toRunDetailDto(run);
  }

  @Get('runs')
  @TokenScope('runs:read')
  @ApiOperation({ summary: 'Your runs, newest first, filtered by tool, status, target and time' })
  @ApiOkResponse({ type: RunPageDto })
  @ApiProblems(422)
  async listRuns(@Req() request: SignedInRequest, @Query() query: RunListQueryDto): Promise<RunPageDto> {
    const { items, total } = await this.runs.list(request.user.id, query);
    return {
      items: items.map((run) => toRunDto(run)),
      page: { total, page: query.page, pageSize: query.pageSize },
    };
  }

  @Get('runs/:runId')
  @TokenScope('runs:read')
  @ApiOperation({ summary: 'One of your runs: config, status, timing, cost and result counts' })
  @ApiOkResponse({ type: RunDetailDto })
  @ApiProblems(404)
  async getRun(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Req() request: SignedInRequest,
  ): Promise<RunDetailDto> {
    return toRunDetailDto(await this.runs.get(request.user.id, runId));
  }

  @Get('runs/:runId/results')
  @TokenScope('runs:read')
  @ApiOperation({ summary: "A run's findings and assets, each marked new, unchanged or gone" })
  @ApiOkResponse({ type: [RunResultDto] })
  @ApiProblems(404, 422)
  async listRunResults(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Query() query: RunResultsQueryDto,
    @Req() request: SignedInRequest,
  ): Promise<RunResultDto[]> {
    return (await this.runs.results(request.user.id, runId, query)).map(toResultDto);
  }

  @Post('runs/:runId/cancel')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @TokenScope('runs:write')
  @ApiOperation({
    summary: 'Cancel a run',
    description:
      'A queued run ends at once; a running one stops within a second or so (its stream says when). Credits go back. Cancelling a finished run changes nothing.',
  })
  @ApiOkResponse({ type: RunDetailDto })
  @ApiProblems(404)
  async cancelRun(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Req() request: SignedInRequest,
  ): Promise<RunDetailDto> {
    return toRunDetailDto(await this.runs.cancel(request.user.id, runId));
  }

  @Get('runs/:runId/stream')
  @TokenScope('runs:read')
  @ApiOperation({
    summary: "Follow a run's terminal and status live (Server-Sent Events)",
    description:
      'Events `line` (one terminal line, ANSI colours included) and `status` (JSON), each with an id. Reconnect with Last-Event-ID to get only what you missed; the stream ends after the final status.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An event stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblems(404)
  async streamRun(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Query() query: RunStreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: SignedInRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const run = await this.runs.get(request.user.id, runId);
    await this.streams.serve(run, lastEventId ?? query.lastEventId, this.runs.logPathOf(run), () =>
      takeOverResponse(reply),
    );
  }

  @Get('runs/:runId/log')
  @TokenScope('runs:read')
  @ApiOperation({ summary: "Download a run's raw terminal log (plain text, ANSI colours kept)" })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The log', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(404)
  async downloadRunLog(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Req() request: SignedInRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const run = await this.runs.get(request.user.id, runId);
    const path = this.runs.logPathOf(run);
    if (
      !path ||
      !(await access(path).then(
        () => true,
        () => false,
      ))
    )
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'log_not_found',
        'This run has no log (it never started, or retention removed it).',
      );
    await reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="huntkit-${run.toolId}-${run.id.slice(0, 8)}.log"`)
      .send(createReadStream(path));
  }
}
