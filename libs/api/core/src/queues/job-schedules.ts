import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';

type SchedulerArguments = Parameters<Queue['upsertJobScheduler']>;

/**
 * The cluster's job schedules (sweeper, purges), kept in Redis by BullMQ. They are written when a
 * worker boots, so a Redis that comes back empty (a restart without persistence, a failover to a
 * fresh replica) would have none until some worker restarted: the sweeper would silently stop.
 * Every schedule kept here is written again each time the queue's connection is ready, which costs
 * a few idempotent upserts per reconnect.
 */
@Injectable()
export class JobSchedules {
  private readonly logger = new Logger('JobSchedules');
  private readonly kept = new Map<Queue, Map<string, SchedulerArguments>>();

  /** Writes the schedule now, and again after every reconnect of the queue's Redis connection. */
  async keep(queue: Queue, ...args: SchedulerArguments): Promise<void> {
    let schedules = this.kept.get(queue);
    if (!schedules) {
      schedules = new Map();
      this.kept.set(queue, schedules);
      // The backend says 'ready' each time its Redis connection is (re)established.
      queue.getBackend().on('ready', () => void this.restore(queue));
    }
    schedules.set(args[0], args);
    await queue.upsertJobScheduler(...args);
  }

  private async restore(queue: Queue): Promise<void> {
    for (const args of this.kept.get(queue)?.values() ?? []) {
      await queue
        .upsertJobScheduler(...args)
        .catch((error: Error) =>
          this.logger.warn(`queue ${queue.name}: could not restore schedule ${args[0]}: ${error.message}`),
        );
    }
  }
}
