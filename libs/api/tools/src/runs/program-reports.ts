import { APP_CONFIG, type AppConfig, REDIS } from '@huntkit/api/core';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TOOL_REGISTRY } from '../definitions/tool-registry';
import { findOnPath } from '../program-availability';

const REPORT_EVERY_MS = 60_000;
/** A report outlives three missed rounds, so a busy worker is not taken for a missing program. */
const REPORT_TTL_MS = 3 * REPORT_EVERY_MS;

const programKey = (prefix: string, program: string) => `${prefix}:tools:program:${program}`;

/** The programs the tool wrappers need (nmap, ffuf…). */
export const WRAPPED_PROGRAMS = [
  ...new Set(TOOL_REGISTRY.flatMap((tool) => (tool.program ? [tool.program] : []))),
];

/**
 * Workers say which programs they have: the catalog (served by the API, which may run on machines
 * without them) shows a wrapper as available only while some worker reports its program.
 */
@Injectable()
export class ProgramReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.report();
    this.timer = setInterval(() => void this.report(), REPORT_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async report(): Promise<void> {
    const present = WRAPPED_PROGRAMS.filter((program) => findOnPath(program));
    if (present.length === 0) return;
    const batch = this.redis.multi();
    for (const program of present)
      batch.set(programKey(this.config.redis.prefix, program), '1', 'PX', REPORT_TTL_MS);
    await batch.exec().catch(() => undefined);
  }
}

/** The wrapped programs some worker reported recently. */
export async function reportedPrograms(redis: Redis, prefix: string): Promise<Set<string>> {
  if (WRAPPED_PROGRAMS.length === 0) return new Set();
  const values = await redis.mget(WRAPPED_PROGRAMS.map((program) => programKey(prefix, program)));
  return new Set(WRAPPED_PROGRAMS.filter((_, index) => values[index] !== null));
}
