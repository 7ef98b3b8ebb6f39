import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Applies WORKER_CONCURRENCY to every BullMQ processor. `@Processor()` options are fixed at compile
 * time, so the configured value is set on each worker once Nest has created them.
 */
@Injectable()
export class WorkerConcurrency implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.instance instanceof WorkerHost)
        wrapper.instance.worker.concurrency = this.config.worker.concurrency;
    }
  }
}
