import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { MailService } from '@huntkit/api/mail';
import { UsersService } from '@huntkit/api/users';
import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { CreditBucket } from './entities/credit-bucket.entity';

/** A hold took the user's lasting credits below LOW_CREDITS_THRESHOLD (published after it committed). */
export class CreditsRanLowEvent {
  static readonly event = 'credits.ran-low';
  constructor(
    readonly userId: string,
    readonly remaining: number,
    /** The hold that crossed the line, so a retried one never warns twice. */
    readonly reference: string,
  ) {}
}

/** Credits that stay until spent or their period ends (Pro, packs, grants): what a warning is about. */
export function lastingCredits(buckets: readonly Pick<CreditBucket, 'kind' | 'remaining'>[]): number {
  return buckets.reduce((sum, bucket) => sum + (bucket.kind === 'daily' ? 0 : bucket.remaining), 0);
}

/**
 * Warns a user once when a spend takes their lasting credits below LOW_CREDITS_THRESHOLD. The daily
 * free credits are left out: they refill every day, and a free user should not be mailed daily. A new
 * purchase that lifts the balance above the line arms the warning again.
 */
@Injectable()
export class LowCreditsAlert {
  constructor(
    private readonly users: UsersService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnEvent(CreditsRanLowEvent.event)
  async send({ userId, remaining, reference }: CreditsRanLowEvent): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) return;
    await this.mail.send(
      'low-credits',
      { email: user.email, userId },
      {
        displayName: user.displayName,
        remaining,
        dailyFree: this.config.credits.dailyFree,
        billingUrl: `${this.config.appUrl}/billing`,
      },
      `low-credits:${reference}`,
    );
  }
}
