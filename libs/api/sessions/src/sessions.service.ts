import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';

export interface SessionPolicy {
  /** Absolute lifetime of a sign-in, however often it is refreshed. */
  lifetimeMs: number;
  /** How long a just-rotated token may still be presented (two tabs refreshing at once). */
  reuseGraceMs: number;
}

export const SESSION_POLICY = Symbol('SESSION_POLICY');

export interface ClientContext {
  ip?: string | null;
  userAgent?: string | null;
}

export interface IssuedRefreshToken {
  sessionId: string;
  userId: string;
  /** Shown to the client once (in a cookie); only its hash is stored. */
  token: string;
  sessionExpiresAt: Date;
}

export type RotationFailure = 'unknown' | 'expired' | 'revoked' | 'replayed';
export type RotationResult =
  | { ok: true; issued: IssuedRefreshToken }
  | { ok: false; reason: RotationFailure };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sign-in sessions and their rotating refresh tokens. Each refresh exchanges the presented token for a
 * new one. A token presented again after its grace window was stolen or replayed: the whole session
 * is revoked, so neither the thief nor the owner can keep using it.
 */
const LAST_SEEN_EVERY_MS = 60_000;

@Injectable()
export class SessionsService {
  constructor(
    private readonly em: EntityManager,
    @Inject(SESSION_POLICY) private readonly policy: SessionPolicy,
  ) {}

  async start(userId: string, client: ClientContext = {}): Promise<IssuedRefreshToken> {
    return this.em.fork().transactional(async (em) => {
      const session = em.create(Session, {
        userId,
        expiresAt: new Date(Date.now() + this.policy.lifetimeMs),
        ip: client.ip ?? null,
        userAgent: client.userAgent?.slice(0, 512) ?? null,
      });
      return this.issue(em, session);
    });
  }

  /** Row locks (token, then session) serialise concurrent refreshes of the same token. */
  async rotate(token: string, client: ClientContext = {}): Promise<RotationResult> {
    return this.em.fork().transactional(async (em): Promise<RotationResult> => {
      const presented = await em.findOne(
        RefreshToken,
        { tokenHash: hashToken(token) },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!presented) return { ok: false, reason: 'unknown' };
      const session = await em.findOne(
        Session,
        { id: presented.sessionId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!session || session.revokedAt) return { ok: false, reason: 'revoked' };
      const now = new Date();
      if (session.expiresAt <= now) return { ok: false, reason: 'expired' };
      if (presented.rotatedAt) {
        if (now.getTime() - presented.rotatedAt.getTime() > this.policy.reuseGraceMs) {
          session.revokedAt = now;
          session.revokeReason = 'refresh_token_replayed';
          return { ok: false, reason: 'replayed' };
        }
        // Within the grace window: a parallel refresh from another tab gets a successor of its own.
      } else {
        presented.rotatedAt = now;
      }
      session.lastUsedAt = now;
      if (client.ip) session.ip = client.ip;
      if (client.userAgent) session.userAgent = client.userAgent.slice(0, 512);
      return { ok: true, issued: await this.issue(em, session) };
    });
  }

  /** The session a refresh token belongs to, whatever its state (used to bind CSRF tokens). */
  async sessionIdOf(token: string): Promise<string | null> {
    const found = await this.em
      .fork()
      .findOne(RefreshToken, { tokenHash: hashToken(token) }, { fields: ['sessionId'] });
    return found?.sessionId ?? null;
  }

  async isActive(sessionId: string): Promise<boolean> {
    const count = await this.em
      .fork()
      .count(Session, { id: sessionId, revokedAt: null, expiresAt: { $gt: new Date() } });
    return count > 0;
  }

  /**
   * Whether the session is live, noting that it was just seen. The last-seen time is written at most
   * once a minute, so a busy session does not turn every request into a write.
   */
  async checkAndTouch(sessionId: string, client: ClientContext = {}, now = new Date()): Promise<boolean> {
    const em = this.em.fork();
    const session = await em.findOne(
      Session,
      { id: sessionId, revokedAt: null, expiresAt: { $gt: now } },
      { fields: ['lastUsedAt'] },
    );
    if (!session) return false;
    if (now.getTime() - session.lastUsedAt.getTime() >= LAST_SEEN_EVERY_MS) {
      await em.nativeUpdate(
        Session,
        { id: sessionId, lastUsedAt: { $lt: new Date(now.getTime() - LAST_SEEN_EVERY_MS + 1) } },
        { lastUsedAt: now, ...(client.ip ? { ip: client.ip } : {}) },
      );
    }
    return true;
  }

  /** The user's live sessions, the most recently seen first. */
  async listActive(userId: string, now = new Date()): Promise<Session[]> {
    return this.em
      .fork()
      .find(
        Session,
        { userId, revokedAt: null, expiresAt: { $gt: now } },
        { orderBy: { lastUsedAt: 'desc' } },
      );
  }

  /** Ends one of the user's own sessions; false when it is not theirs or already ended. */
  async revokeOwn(userId: string, sessionId: string, reason: string, em = this.em.fork()): Promise<boolean> {
    const revoked = await em.nativeUpdate(
      Session,
      { id: sessionId, userId, revokedAt: null },
      { revokedAt: new Date(), revokeReason: reason },
    );
    return revoked > 0;
  }

  /**
   * New tokens for a live session (after a password change): every earlier refresh token of it stops
   * working, while the session itself, its sign-in time and its device stay.
   */
  async reissue(sessionId: string, em: EntityManager = this.em.fork()): Promise<IssuedRefreshToken | null> {
    const session = await em.findOne(Session, {
      id: sessionId,
      revokedAt: null,
      expiresAt: { $gt: new Date() },
    });
    if (!session) return null;
    await em.nativeDelete(RefreshToken, { sessionId });
    return this.issue(em, session);
  }

  /** Records that the user proved who they are again, which opens the window for sensitive actions. */
  async markReauthenticated(sessionId: string, at = new Date()): Promise<void> {
    await this.em.fork().nativeUpdate(Session, { id: sessionId, revokedAt: null }, { reauthenticatedAt: at });
  }

  /** When the user last proved who they are in this live session: its sign-in or a later re-authentication. */
  async lastAuthenticatedAt(sessionId: string): Promise<Date | null> {
    const session = await this.em
      .fork()
      .findOne(
        Session,
        { id: sessionId, revokedAt: null, expiresAt: { $gt: new Date() } },
        { fields: ['createdAt', 'reauthenticatedAt'] },
      );
    if (!session) return null;
    return session.reauthenticatedAt && session.reauthenticatedAt > session.createdAt
      ? session.reauthenticatedAt
      : session.createdAt;
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.em
      .fork()
      .nativeUpdate(
        Session,
        { id: sessionId, revokedAt: null },
        { revokedAt: new Date(), revokeReason: reason },
      );
  }

  /**
   * Ends every sign-in of the user, except the one making the change when given. Pass `em` to make it
   * part of the caller's transaction (with its audit row, say).
   */
  async revokeAllForUser(
    userId: string,
    reason: string,
    exceptSessionId?: string,
    em: EntityManager = this.em.fork(),
  ): Promise<number> {
    return em.nativeUpdate(
      Session,
      { userId, revokedAt: null, ...(exceptSessionId ? { id: { $ne: exceptSessionId } } : {}) },
      { revokedAt: new Date(), revokeReason: reason },
    );
  }

  /** Deletes sessions that ended (expired, or revoked) before `before`, with their tokens. */
  async purgeEnded(before: Date): Promise<number> {
    const em = this.em.fork();
    const ended = await em.find(
      Session,
      { $or: [{ expiresAt: { $lt: before } }, { revokedAt: { $lt: before } }] },
      { fields: ['id'] },
    );
    if (ended.length === 0) return 0;
    const ids = ended.map((session) => session.id);
    await em.nativeDelete(RefreshToken, { sessionId: { $in: ids } });
    return em.nativeDelete(Session, { id: { $in: ids } });
  }

  private async issue(em: EntityManager, session: Session): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    em.persist(session);
    em.create(RefreshToken, { sessionId: session.id, tokenHash: hashToken(token) });
    await em.flush();
    return { sessionId: session.id, userId: session.userId, token, sessionExpiresAt: session.expiresAt };
  }
}
