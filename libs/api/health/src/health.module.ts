import { JobSchedules, QueueName } from '@huntkit/api/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { WorkerProbe } from './entities/worker-probe.entity';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { WorkerProbeJob } from './worker-probe-jobs';
import { WorkerProbeProcessor } from './worker-probe.processor';
import { WorkerProbesService } from './worker-probes.service';

const probeQueue = BullModule.registerQueue({ name: QueueName.workerProbes });

/** HTTP side: liveness, readiness and enqueueing probes. */
@Module({
  imports: [MikroOrmModule.forFeature([WorkerProbe]), probeQueue],
  controllers: [HealthController],
  providers: [HealthService, WorkerProbesService],
})
export class HealthModule {}

/** Worker side: runs probes and schedules the hourly purge (stored in Redis, so once per cluster). */
@Module({
  imports: [MikroOrmModule.forFeature([WorkerProbe]), probeQueue],
  providers: [WorkerProbeProcessor],
})
export class HealthJobsModule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.workerProbes) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(
      this.queue,
      'purge-old-worker-probes',
      { every: 3600_000 },
      { name: WorkerProbeJob.purge },
    );
  }
}
