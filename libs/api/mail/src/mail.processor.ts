import { APP_CONFIG, type AppConfig, QueueName } from '@huntkit/api/core';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { NOTIFICATION_CATEGORY_INFO, NotificationPreferencesService } from '@huntkit/api/notifications';
import { MailRenderer, type MailUnsubscribe } from './mail-renderer';
import { TEMPLATE_CATEGORY } from './templates/templates';
import type { MailTransport } from './mail-transport';
import type { MailJob } from './mail.service';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** SMTP 5xx replies are permanent (unknown mailbox, rejected sender): retrying cannot help. */
function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

@Processor(QueueName.mail)
export class MailProcessor extends WorkerHost {
  private readonly renderer = new MailRenderer();

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly preferences: NotificationPreferencesService,
  ) {
    super();
  }

  async process(job: Job<MailJob>): Promise<{ delivered: string } | { skipped: string }> {
    const { template, to, data } = job.data;
    const unsubscribe = await this.unsubscribeFor(job.data);
    if (unsubscribe === 'muted') return { skipped: `${TEMPLATE_CATEGORY[template]} is turned off` };
    const rendered = this.renderer.render(template, to, data, unsubscribe);
    const headers = unsubscribe
      ? {
          'List-Unsubscribe': `<${unsubscribe.oneClickUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        }
      : undefined;
    try {
      const delivered = await this.transport.deliver({
        from: this.config.mail.from,
        to,
        ...rendered,
        headers,
      });
      return { delivered };
    } catch (error) {
      if (isPermanentSmtpFailure(error))
        throw new UnrecoverableError(`mail to ${to} refused: ${(error as Error).message}`);
      throw error;
    }
  }

  /**
   * The one place notification settings are enforced: a muted category is dropped here, at delivery
   * time, so no sender can forget to check and a change of mind before delivery still counts.
   */
  private async unsubscribeFor({ template, userId }: MailJob): Promise<MailUnsubscribe | null | 'muted'> {
    const category = TEMPLATE_CATEGORY[template];
    if (category === 'account' || category === 'security') return null;
    if (!userId) throw new UnrecoverableError(`${template} mail needs the recipient's user id`);
    if (!(await this.preferences.allows(userId, category))) return 'muted';
    return {
      label: NOTIFICATION_CATEGORY_INFO[category].label,
      ...this.preferences.unsubscribeTarget(userId, category),
      settingsUrl: `${this.config.appUrl}/account#notifications`,
    };
  }
}
