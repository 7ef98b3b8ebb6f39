import { APP_CONFIG, type AppConfig, ProblemException } from '@huntkit/api/core';
import { MailService } from '@huntkit/api/mail';
import { SessionsService } from '@huntkit/api/sessions';
import { hashPassword, UsersService } from '@huntkit/api/users';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EMAIL_TOKEN_TTL_MS, EmailTokens } from './email-tokens.service';
import { AddressLimits } from './address-limits';
import { SignInBackoff } from './sign-in-backoff';
import { passwordChangedMail } from './password-changed-mail';

/**
 * Forgotten passwords: a single-use 30-minute link by mail, the same answer for every address, and a
 * reset that ends every session of the account and tells its owner.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: EmailTokens,
    private readonly mail: MailService,
    private readonly sessions: SessionsService,
    private readonly addressLimits: AddressLimits,
    private readonly backoff: SignInBackoff,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async requestReset(email: string): Promise<void> {
    if (!(await this.addressLimits.allow('forgot-password', email))) return;
    const user = await this.users.findByEmail(email);
    if (!user || user.deactivatedAt) return;
    const { id, token } = await this.tokens.issue(user.id, 'reset_password', {
      ttlMs: EMAIL_TOKEN_TTL_MS.reset_password,
    });
    await this.mail.send(
      'reset-password',
      user.email,
      {
        displayName: user.displayName,
        resetUrl: `${this.config.appUrl}/reset-password?token=${token}`,
        expiresInMinutes: EMAIL_TOKEN_TTL_MS.reset_password / 60_000,
      },
      `reset:${id}`,
    );
  }

  async reset(token: string, password: string): Promise<void> {
    const userId = (await this.tokens.redeem(token, 'reset_password'))?.userId;
    const user = userId ? await this.users.findById(userId) : null;
    if (!user || user.deactivatedAt) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'reset_link_invalid',
        'This link has expired or was already used. Ask for a new one.',
      );
    }
    const changedAt = new Date();
    await this.users.setPasswordHash(user.id, await hashPassword(password));
    // The link proved the mailbox, so an unverified account is verified too.
    await this.users.markEmailVerified(user.id, changedAt);
    await this.sessions.revokeAllForUser(user.id, 'password_reset');
    await this.backoff.clear(user.email);
    await this.mail.send(...passwordChangedMail(this.config, user, changedAt));
  }
}
