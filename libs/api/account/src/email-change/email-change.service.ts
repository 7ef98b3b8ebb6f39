import { type AuditActor, AuditService } from '@huntkit/api/audit';
import { APP_CONFIG, type AppConfig, ProblemException, ValidationProblemException } from '@huntkit/api/core';
import { formatMailTime, MailService } from '@huntkit/api/mail';
import { SessionsService } from '@huntkit/api/sessions';
import { type User, UsersService } from '@huntkit/api/users';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  EMAIL_TOKEN_TTL_MS,
  EmailTokens,
  PasswordResetService,
  SessionIssuer,
  type SessionTokens,
} from '@huntkit/api/auth';

export interface PendingEmailChange {
  newEmail: string;
  expiresAt: Date;
}

export interface ConfirmedEmailChange {
  email: string;
  otherSessionsEnded: number;
  /** Fresh tokens for the confirming session, when it belongs to the account that changed. */
  renewed: SessionTokens | null;
}

/** A second request for the same address within this time is a double click: nothing is sent again. */
const REPEAT_WINDOW_MS = 60_000;

const linkInvalid = () =>
  new ProblemException(
    HttpStatus.BAD_REQUEST,
    'email_change_link_invalid',
    'This link has expired or was already used. Ask for the change again from Account settings.',
  );

const sessionEnded = () => new ProblemException(HttpStatus.UNAUTHORIZED, 'session_ended', 'Sign in again.');

/**
 * Moving an account to a new address. The current address stays until the new one proves it gets
 * mail; the old one is told at once and can stop (or undo) the change with a link of its own.
 * Whether the new address already has an account is never revealed to the requester.
 */
@Injectable()
export class EmailChangeService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: EmailTokens,
    private readonly sessions: SessionsService,
    private readonly passwordReset: PasswordResetService,
    private readonly issuer: SessionIssuer,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(userId: string, requested: string, actor: AuditActor): Promise<PendingEmailChange> {
    const newEmail = requested.trim().toLowerCase();
    const user = await this.users.findById(userId);
    if (!user) throw sessionEnded();
    if (newEmail === user.email)
      throw new ValidationProblemException([
        { field: 'newEmail', pointer: '/newEmail', detail: 'This is already your address.' },
      ]);
    const taken = (await this.users.findByEmail(newEmail)) !== null;
    const issued = await this.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`email-change:${userId}`]);
      const pending = await this.tokens.pending(userId, 'change_email', em);
      if (pending?.address === newEmail && pending.createdAt.getTime() > Date.now() - REPEAT_WINDOW_MS)
        return { repeated: true as const, expiresAt: pending.expiresAt };
      await this.tokens.invalidate(userId, 'change_email', em);
      // A taken address still gets a (never mailed) pending change, so the answer reveals nothing.
      const confirm = await this.tokens.issue(
        userId,
        'change_email',
        { ttlMs: this.config.account.emailChangeTtlMs, address: newEmail },
        em,
      );
      const cancel = await this.tokens.issue(
        userId,
        'cancel_email_change',
        { ttlMs: EMAIL_TOKEN_TTL_MS.cancel_email_change, address: user.email },
        em,
      );
      this.audit.record(em, {
        ...actor,
        actorId: userId,
        targetUserId: userId,
        action: 'email_change.requested',
        details: { newEmail },
      });
      return { repeated: false as const, confirm, cancel };
    });
    if (issued.repeated) return { newEmail, expiresAt: issued.expiresAt };
    await this.sendRequestMails(user, newEmail, taken, issued.confirm, issued.cancel);
    return { newEmail, expiresAt: issued.confirm.expiresAt };
  }

  async pendingOf(userId: string): Promise<PendingEmailChange | null> {
    const pending = await this.tokens.pending(userId, 'change_email');
    return pending?.address ? { newEmail: pending.address, expiresAt: pending.expiresAt } : null;
  }

  async withdraw(userId: string, actor: AuditActor): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      if ((await this.tokens.invalidate(userId, 'change_email', em)) === 0) return;
      this.audit.record(em, {
        ...actor,
        actorId: userId,
        targetUserId: userId,
        action: 'email_change.withdrawn',
      });
    });
  }

  /**
   * Follows the link sent to the new address. The confirming browser keeps its session (with fresh
   * tokens) when it is signed in to this account; every other session ends.
   */
  async confirm(
    token: string,
    confirmingSession: { userId: string; sessionId: string } | null,
    actor: AuditActor,
  ): Promise<ConfirmedEmailChange> {
    const changedAt = new Date();
    const outcome = await this.em.fork().transactional(async (em) => {
      const redeemed = await this.tokens.redeem(token, 'change_email', em);
      if (!redeemed?.address) throw linkInvalid();
      const user = await this.users.findById(redeemed.userId);
      if (!user || user.deactivatedAt) throw linkInvalid();
      try {
        await this.users.changeEmail(user.id, redeemed.address, em, changedAt);
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'email_taken',
          'This address belongs to another account, so your address was not changed.',
        );
      }
      // Links already mailed to the old address must not work any more.
      await this.tokens.invalidate(user.id, 'reset_password', em);
      await this.tokens.invalidate(user.id, 'verify_email', em);
      const keep = confirmingSession?.userId === user.id ? confirmingSession.sessionId : undefined;
      const otherSessionsEnded = await this.sessions.revokeAllForUser(user.id, 'email_changed', keep, em);
      const refresh = keep ? await this.sessions.reissue(keep, em) : null;
      this.audit.record(em, {
        ...actor,
        actorId: user.id,
        targetUserId: user.id,
        action: 'email_change.confirmed',
        details: { from: user.email, to: redeemed.address, otherSessionsEnded },
      });
      const renewed = refresh ? this.issuer.tokensFor(user, refresh) : null;
      return { user, email: redeemed.address, otherSessionsEnded, renewed };
    });
    const { user, email } = outcome;
    const data = {
      displayName: user.displayName,
      oldEmail: user.email,
      newEmail: email,
      changedAt: formatMailTime(changedAt, user.timeZone),
      resetUrl: `${this.config.appUrl}/forgot-password`,
    };
    const key = `email-changed:${user.id}:${changedAt.getTime()}`;
    await this.mail.send('email-changed', { email: user.email, userId: user.id }, data, `${key}:old`);
    await this.mail.send('email-changed', { email, userId: user.id }, data, `${key}:new`);
    return { email, otherSessionsEnded: outcome.otherSessionsEnded, renewed: outcome.renewed };
  }

  /**
   * "It wasn't me" from the old address: stops a pending change, puts the old address back if the
   * change already went through, signs every session out and mails a password reset link.
   */
  async report(token: string, actor: AuditActor): Promise<{ restored: boolean }> {
    const outcome = await this.em.fork().transactional(async (em) => {
      const redeemed = await this.tokens.redeem(token, 'cancel_email_change', em);
      if (!redeemed?.address) throw linkInvalid();
      const user = await this.users.findById(redeemed.userId);
      if (!user) throw linkInvalid();
      await this.tokens.invalidate(user.id, 'change_email', em);
      const restorable = user.email !== redeemed.address && !(await this.users.findByEmail(redeemed.address));
      if (restorable) await this.users.changeEmail(user.id, redeemed.address, em, new Date());
      const sessionsEnded = await this.sessions.revokeAllForUser(
        user.id,
        'email_change_reported',
        undefined,
        em,
      );
      this.audit.record(em, {
        ...actor,
        actorId: null,
        targetUserId: user.id,
        action: 'email_change.reported',
        details: { restored: restorable, restoredEmail: restorable ? redeemed.address : null, sessionsEnded },
      });
      // The reset link goes to the reporting address only if the account is (again) on it.
      const ownsAddress = restorable || user.email === redeemed.address;
      return { restored: restorable, resetTo: ownsAddress ? redeemed.address : null };
    });
    if (outcome.resetTo) await this.passwordReset.requestReset(outcome.resetTo);
    return { restored: outcome.restored };
  }

  private async sendRequestMails(
    user: User,
    newEmail: string,
    taken: boolean,
    confirm: { id: string; token: string },
    cancel: { id: string; token: string },
  ): Promise<void> {
    const expiresInHours = this.config.account.emailChangeTtlMs / 3600_000;
    if (taken)
      await this.mail.send(
        'email-change-unavailable',
        newEmail,
        { signInUrl: `${this.config.appUrl}/sign-in` },
        `email-change:${confirm.id}`,
      );
    else
      await this.mail.send(
        'email-change-confirm',
        newEmail,
        {
          displayName: user.displayName,
          newEmail,
          confirmUrl: `${this.config.appUrl}/email-change/confirm?token=${confirm.token}`,
          expiresInHours,
        },
        `email-change:${confirm.id}`,
      );
    await this.mail.send(
      'email-change-requested',
      { email: user.email, userId: user.id },
      {
        displayName: user.displayName,
        newEmail,
        cancelUrl: `${this.config.appUrl}/email-change/report?token=${cancel.token}`,
        expiresInHours,
      },
      `email-change-notice:${cancel.id}`,
    );
  }
}
