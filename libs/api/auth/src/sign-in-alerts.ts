import { APP_CONFIG, type AppConfig } from '@huntkit/api/core';
import { formatMailTime, MailService } from '@huntkit/api/mail';
import type { ClientContext } from '@huntkit/api/sessions';
import type { User } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { describeDevice, deviceFamily } from './device';
import { LoginEvent } from './entities/login-event.entity';

/** How far back a device counts as known, and how many earlier sign-ins are compared. */
const KNOWN_DEVICE_MS = 180 * 24 * 3600_000;
const COMPARED_SIGN_INS = 200;

/** Mails the owner when their account is signed in to from a browser and system it has not seen. */
@Injectable()
export class SignInAlerts {
  constructor(
    private readonly em: EntityManager,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Call before the new sign-in is recorded. The very first sign-in of an account alerts nobody. */
  async checkNewDevice(user: User, client: ClientContext, sessionId: string, at: Date): Promise<void> {
    const earlier = await this.em
      .fork()
      .find(
        LoginEvent,
        { userId: user.id, at: { $gt: new Date(at.getTime() - KNOWN_DEVICE_MS) } },
        { fields: ['userAgent'], orderBy: { at: 'desc' }, limit: COMPARED_SIGN_INS },
      );
    if (earlier.length === 0) return;
    const family = deviceFamily(client.userAgent);
    if (earlier.some((event) => deviceFamily(event.userAgent) === family)) return;
    await this.mail.send(
      'new-sign-in',
      { email: user.email, userId: user.id },
      {
        displayName: user.displayName,
        device: describeDevice(client.userAgent).label,
        ip: client.ip ?? 'an unknown address',
        signedInAt: formatMailTime(at, user.timeZone),
        sessionsUrl: `${this.config.appUrl}/account#sessions`,
        resetUrl: `${this.config.appUrl}/forgot-password`,
      },
      `new-sign-in:${sessionId}`,
    );
  }
}
