import { ApiProblems, Public } from '@huntkit/api/core';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, Throttle } from '@nestjs/throttler';
import {
  CreateWorkerProbeDto,
  LivenessDto,
  ReadinessDto,
  WorkerProbeDto,
  WorkerProbeParams,
} from './dto/health.dto';
import { HealthService } from './health.service';
import { WorkerProbesService } from './worker-probes.service';

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly probes: WorkerProbesService,
  ) {}

  // Orchestrators poll liveness constantly and it does no I/O: limiting it could only take healthy copies out.
  @Get()
  @SkipThrottle()
  @ApiOperation({ summary: 'Liveness: the process is up and serving requests' })
  @ApiOkResponse({ type: LivenessDto })
  getLiveness(): LivenessDto {
    return this.health.liveness();
  }

  @Get('ready')
  // It costs three round trips, so it gets a limit of its own, generous enough for any poller.
  @Throttle({ default: { limit: 120, ttl: 60_000 } })
  @ApiOperation({ summary: 'Readiness: Postgres and Redis answer and every migration is applied' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiProblems(503)
  getReadiness(): Promise<ReadinessDto> {
    return this.health.readiness();
  }

  @Post('probes')
  @HttpCode(HttpStatus.ACCEPTED)
  // Each probe is a database row and a job: anonymous callers get a handful a minute.
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({
    summary: 'Send a probe through the job queue',
    description: 'A worker picks the probe up and records its latencies; poll the probe to see the result.',
  })
  @ApiResponse({ status: 202, type: WorkerProbeDto })
  @ApiProblems(400, 413, 422, 429, 503)
  createWorkerProbe(@Body() body: CreateWorkerProbeDto): Promise<WorkerProbeDto> {
    return this.probes.request(body.label);
  }

  @Get('probes/:id')
  @ApiOperation({ summary: 'A worker probe and what the worker measured' })
  @ApiOkResponse({ type: WorkerProbeDto })
  @ApiProblems(404, 422)
  getWorkerProbe(@Param() params: WorkerProbeParams): Promise<WorkerProbeDto> {
    return this.probes.find(params.id);
  }
}
