import { WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue, type Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * What every BullMQ processor of the process shares: WORKER_CONCURRENCY (`@Processor()` options are
 * fixed at compile time), failures in the JSON logs, and a shutdown that lets running jobs finish
 * before the Redis connections close.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('QueueWorkers');

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private workers(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
  }

  onApplicationBootstrap(): void {
    // Without listeners BullMQ prints connection errors with console.error, outside the JSON logs.
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (instance instanceof Queue)
        instance.on('error', (error) => this.logger.warn(`queue ${instance.name}: ${error.message}`));
    }
    for (const worker of this.workers()) {
      worker.concurrency = this.config.worker.concurrency;
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `${worker.name}: job ${job?.name ?? '?'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
        ),
      );
      worker.on('error', (error) => this.logger.error(`${worker.name}: ${error.message}`));
    }
  }

  /** Stops taking jobs and waits for the running ones; runs before any connection is closed. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers().map((worker) => worker.close()));
  }
}
