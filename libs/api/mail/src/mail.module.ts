import { APP_CONFIG, type AppConfig, QueueName } from '@huntkit/api/core';
import { NotificationPreferencesModule } from '@huntkit/api/notifications';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { MAIL_TRANSPORT, MailProcessor } from './mail.processor';
import { OutboxTransport, SmtpTransport } from './mail-transport';
import { MailService } from './mail.service';

const mailQueue = BullModule.registerQueue({ name: QueueName.mail });

/** Producer side, for any feature that sends mail. */
@Module({ imports: [mailQueue], providers: [MailService], exports: [MailService] })
export class MailModule {}

/** Worker side: renders and delivers. */
@Module({
  imports: [mailQueue, NotificationPreferencesModule],
  providers: [
    MailProcessor,
    {
      provide: MAIL_TRANSPORT,
      useFactory: (config: AppConfig) =>
        config.mail.smtpUrl
          ? new SmtpTransport(config.mail.smtpUrl)
          : new OutboxTransport(config.mail.outboxDir),
      inject: [APP_CONFIG],
    },
  ],
})
export class MailJobsModule {}
