import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { MailService } from '@huntkit/api/mail';
import { UsersService } from '@huntkit/api/users';
import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { findTool } from '../definitions/tool-registry';
import { type FinalStatus, RunFinishedEvent } from './run-finisher';

const OUTCOME: Record<FinalStatus, string> = {
  succeeded: 'finished',
  failed: 'failed',
  timed_out: 'stopped at its time limit',
  cancelled: 'cancelled',
};

/** "12 s", "4 min", "1 h 5 min": how long a run took, as a person says it. */
export function humanDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

/**
 * Tells the owner a long run is over, so nobody has to keep the tab open. Short runs are watched
 * live and cancelled runs were stopped by the owner, so neither mails; the mail worker drops it when
 * the owner turned "Finished runs" off.
 */
@Injectable()
export class RunFinishedMail {
  constructor(
    private readonly users: UsersService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnEvent(RunFinishedEvent.event)
  async send({ run, status, counts, finishedAt }: RunFinishedEvent): Promise<void> {
    if (status === 'cancelled' || !run.startedAt) return;
    const took = finishedAt.getTime() - run.startedAt.getTime();
    if (took < this.config.runs.finishedMailAfterMs) return;
    const user = await this.users.findById(run.userId);
    if (!user) return;
    await this.mail.send(
      'run-finished',
      { email: user.email, userId: user.id },
      {
        displayName: user.displayName,
        toolName: findTool(run.toolId)?.name ?? run.toolId,
        target: run.target,
        outcome: OUTCOME[status],
        duration: humanDuration(took),
        findings: counts.total,
        runUrl: `${this.config.appUrl}/runs/${run.id}`,
      },
      `run-finished:${run.id}`,
    );
  }
}
