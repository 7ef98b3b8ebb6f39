import { APP_CONFIG, type AppConfig, ProblemException } from '@huntkit/api/core';
import { MailService } from '@huntkit/api/mail';
import type { ClientContext } from '@huntkit/api/sessions';
import { hashPassword, type User, UsersService } from '@huntkit/api/users';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AddressLimits } from './address-limits';
import { AuthService } from './auth.service';
import type { SignedInSession } from './session-issuer';
import { EMAIL_TOKEN_TTL_MS, EmailTokens } from './email-tokens.service';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
  timeZone?: string;
}

/**
 * Sign-up and email verification. Every answer is the same whether or not an address has an account,
 * and a sign-up costs the same argon2 time either way, so the API cannot be used to find members.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: EmailTokens,
    private readonly mail: MailService,
    private readonly auth: AuthService,
    private readonly addressLimits: AddressLimits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register({ email, password, displayName, timeZone }: Registration): Promise<void> {
    const passwordHash = await hashPassword(password);
    const created = await this.users.createUnverified({ email, displayName, passwordHash, timeZone });
    if (created) {
      await this.sendVerification(created);
      return;
    }
    const owner = await this.users.findByEmail(email);
    if (!owner) return;
    // At most one warning a day per account, however often someone tries.
    const day = new Date().toISOString().slice(0, 10);
    await this.mail.send(
      'signup-attempt',
      owner.email,
      {
        displayName: owner.displayName,
        signInUrl: `${this.config.appUrl}/sign-in`,
        resetUrl: `${this.config.appUrl}/forgot-password`,
      },
      `signup-attempt:${owner.id}:${day}`,
    );
  }

  async verifyEmail(token: string, client: ClientContext): Promise<SignedInSession> {
    const userId = (await this.tokens.redeem(token, 'verify_email'))?.userId;
    if (!userId) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'verification_link_invalid',
        'This link has expired or was already used. Ask for a new one.',
      );
    }
    await this.users.markEmailVerified(userId, new Date());
    return this.auth.signInVerifiedUser(userId, client);
  }

  async resendVerification(email: string): Promise<void> {
    if (!(await this.addressLimits.allow('resend-verification', email))) return;
    const user = await this.users.findByEmail(email);
    if (user && !user.emailVerifiedAt && !user.deactivatedAt) await this.sendVerification(user);
  }

  private async sendVerification(user: User): Promise<void> {
    const { id, token } = await this.tokens.issue(user.id, 'verify_email', {
      ttlMs: EMAIL_TOKEN_TTL_MS.verify_email,
    });
    await this.mail.send(
      'verify-email',
      user.email,
      {
        displayName: user.displayName,
        verifyUrl: `${this.config.appUrl}/verify-email?token=${token}`,
        expiresInHours: EMAIL_TOKEN_TTL_MS.verify_email / 3600_000,
      },
      `verify:${id}`,
    );
  }
}
