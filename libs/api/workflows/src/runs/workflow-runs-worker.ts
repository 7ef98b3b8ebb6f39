import { JobSchedules, QueueName } from '@huntkit/api/core';
import { RunFinishedEvent } from '@huntkit/api/tools';
import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Job, Queue } from 'bullmq';
import { WorkflowRun } from './entities/workflow-run.entity';
import { workflowRunOfKey, WorkflowEngine } from './workflow-engine';
import { advanceJob, type WorkflowAdvanceJob } from './workflow-runs.service';

export const SWEEP_WORKFLOW_RUNS_JOB = 'sweep';
/** How often every running workflow run gets a step, whatever triggers were lost to a crash. */
const SWEEP_EVERY_MS = 30_000;

/**
 * The engine's side of the queue: each job is one step of one workflow run. Steps are triggered by a
 * launch, a cancel or resume, each of the run's tool runs finishing, and a sweep every 30 s, so a
 * worker that dies mid-step only delays the run: BullMQ hands its job to another worker, and the
 * state it left is in Postgres.
 */
@Injectable()
@Processor(QueueName.workflows, { concurrency: 4 })
export class WorkflowRunsWorker extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('WorkflowRuns');

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly em: EntityManager,
    private readonly schedules: JobSchedules,
    @InjectQueue(QueueName.workflows) private readonly queue: Queue<WorkflowAdvanceJob>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(
      this.queue,
      SWEEP_WORKFLOW_RUNS_JOB,
      { every: SWEEP_EVERY_MS },
      { name: SWEEP_WORKFLOW_RUNS_JOB },
    );
  }

  async process(job: Job<WorkflowAdvanceJob>): Promise<void> {
    if (job.name === SWEEP_WORKFLOW_RUNS_JOB) {
      const running = await this.em
        .fork()
        .find(WorkflowRun, { status: 'running' }, { fields: ['id'], limit: 1000 });
      for (const run of running) await this.queue.add(...advanceJob(run.id));
      return;
    }
    await this.engine.advance(job.data.runId);
  }

  /** A tool run a workflow started has ended: its node may be done, and its children may start. */
  @OnEvent(RunFinishedEvent.event)
  async onRunFinished({ run }: RunFinishedEvent): Promise<void> {
    const workflowRunId = workflowRunOfKey(run.idempotencyKey);
    if (!workflowRunId) return;
    await this.queue.add(...advanceJob(workflowRunId)).catch((error: Error) =>
      // The sweep takes the step within 30 s.
      this.logger.warn(`could not queue a step of workflow run ${workflowRunId}: ${error.message}`),
    );
  }
}
