import { type AuditActor, AuditService } from '@huntkit/api/audit';
import { ProblemException } from '@huntkit/api/core';
import { SessionsService } from '@huntkit/api/sessions';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable } from '@nestjs/common';
import { type DeviceDescription, describeDevice } from '@huntkit/api/auth';

export interface AccountSession {
  id: string;
  device: DeviceDescription;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

export type RevokeScope = 'one' | 'others' | 'all';

/** The signed-in user's own sessions: where they are signed in, and ending them (audited). */
@Injectable()
export class AccountSessionsService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly em: EntityManager,
  ) {}

  async list(userId: string, currentSessionId: string | undefined): Promise<AccountSession[]> {
    const sessions = await this.sessions.listActive(userId);
    return sessions
      .map((session) => ({
        id: session.id,
        device: describeDevice(session.userAgent),
        ip: session.ip,
        createdAt: session.createdAt,
        lastSeenAt: session.lastUsedAt,
        current: session.id === currentSessionId,
      }))
      .sort((a, b) => Number(b.current) - Number(a.current));
  }

  /** Ends sessions of the user; the count ended (0 when there was nothing left to end). */
  async revoke(
    userId: string,
    scope: RevokeScope,
    actor: AuditActor & { sessionId?: string },
    sessionId?: string,
  ): Promise<number> {
    const count = await this.em.fork().transactional(async (em) => {
      const ended =
        scope === 'one'
          ? Number(await this.sessions.revokeOwn(userId, sessionId ?? '', 'revoked_by_user', em))
          : await this.sessions.revokeAllForUser(
              userId,
              'revoked_by_user',
              scope === 'others' ? actor.sessionId : undefined,
              em,
            );
      if (ended > 0)
        this.audit.record(em, {
          ip: actor.ip,
          userAgent: actor.userAgent,
          actorId: userId,
          targetUserId: userId,
          action: 'sessions.revoked',
          details: { scope, count: ended, ...(scope === 'one' ? { sessionId } : {}) },
        });
      return ended;
    });
    if (scope === 'one' && count === 0)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'session_not_found',
        'There is no such session, or it has ended.',
      );
    return count;
  }
}
