import { type AuditActor, AuditService } from '@huntkit/api/audit';
import { APP_CONFIG, type AppConfig, ProblemException } from '@huntkit/api/core';
import { MailService } from '@huntkit/api/mail';
import { SessionsService } from '@huntkit/api/sessions';
import { hashPassword, UsersService, verifyPassword } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { passwordChangedMail, SessionIssuer, type SessionTokens } from '@huntkit/api/auth';

/**
 * A signed-in user choosing a new password (within the re-authentication window): every other
 * session ends, this one gets fresh tokens, the change is audited and the owner is told by mail.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly issuer: SessionIssuer,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async change(
    userId: string,
    sessionId: string | undefined,
    newPassword: string,
    actor: AuditActor,
  ): Promise<SessionTokens> {
    const user = await this.users.findById(userId);
    if (!user || !sessionId)
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'session_ended', 'Sign in again.');
    if (user.passwordHash && (await verifyPassword(user.passwordHash, newPassword)))
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'validation_failed',
        'The request has invalid fields.',
        {
          errors: [
            {
              field: 'newPassword',
              pointer: '/newPassword',
              detail: 'Choose a password you have not been using.',
            },
          ],
        },
      );
    const passwordHash = await hashPassword(newPassword);
    const changedAt = new Date();
    const refresh = await this.em.fork().transactional(async (em) => {
      await this.users.setPasswordHash(userId, passwordHash, em);
      const ended = await this.sessions.revokeAllForUser(userId, 'password_changed', sessionId, em);
      const issued = await this.sessions.reissue(sessionId, em);
      if (!issued) throw new ProblemException(HttpStatus.UNAUTHORIZED, 'session_ended', 'Sign in again.');
      this.audit.record(em, {
        ...actor,
        actorId: userId,
        targetUserId: userId,
        action: 'password.changed',
        details: { otherSessionsEnded: ended },
      });
      return issued;
    });
    await this.mail.send(...passwordChangedMail(this.config, user, changedAt));
    return this.issuer.tokensFor(user, refresh);
  }
}
