import { hashToken } from '@huntkit/api/sessions';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EmailToken, type EmailTokenPurpose } from './entities/email-token.entity';

/** Lifetimes of the fixed-length links; a new address's confirmation link lasts EMAIL_CHANGE_TTL_HOURS. */
export const EMAIL_TOKEN_TTL_MS = {
  verify_email: 24 * 3600 * 1000,
  reset_password: 30 * 60 * 1000,
  /** The old address's "it wasn't me" link outlives the change itself, so it can still undo it. */
  cancel_email_change: 7 * 24 * 3600 * 1000,
} satisfies Partial<Record<EmailTokenPurpose, number>>;

export interface IssueOptions {
  ttlMs: number;
  address?: string;
}

export interface RedeemedToken {
  userId: string;
  address: string | null;
}

/** Issues and redeems the single-use tokens behind links sent by mail. */
@Injectable()
export class EmailTokens {
  constructor(private readonly em: EntityManager) {}

  /** Pass `em` to make the token part of the caller's transaction. */
  async issue(
    userId: string,
    purpose: EmailTokenPurpose,
    { ttlMs, address }: IssueOptions,
    em: EntityManager = this.em.fork(),
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const record = em.create(EmailToken, {
      userId,
      purpose,
      tokenHash: hashToken(token),
      address: address ?? null,
      expiresAt: new Date(Date.now() + ttlMs),
    });
    await em.persist(record).flush();
    return { id: record.id, token, expiresAt: record.expiresAt };
  }

  /** The user's unexpired, unused token of one purpose, newest first (a pending email change). */
  pending(
    userId: string,
    purpose: EmailTokenPurpose,
    em: EntityManager = this.em.fork(),
  ): Promise<EmailToken | null> {
    return em.findOne(
      EmailToken,
      { userId, purpose, usedAt: null, expiresAt: { $gt: new Date() } },
      { orderBy: { createdAt: 'desc' } },
    );
  }

  /** Kills every open token of one purpose for a user, e.g. older requests when a new one is made. */
  async invalidate(
    userId: string,
    purpose: EmailTokenPurpose,
    em: EntityManager = this.em.fork(),
  ): Promise<number> {
    return em.nativeUpdate(EmailToken, { userId, purpose, usedAt: null }, { usedAt: new Date() });
  }

  /**
   * Marks the token used and returns its user, in one guarded update: of two concurrent redemptions
   * exactly one succeeds. Unknown, used, expired and wrong-purpose tokens all return null.
   */
  async redeem(
    token: string,
    purpose: EmailTokenPurpose,
    em: EntityManager = this.em.fork(),
  ): Promise<RedeemedToken | null> {
    const now = new Date();
    const record = await em.findOne(EmailToken, {
      tokenHash: hashToken(token),
      purpose,
      usedAt: null,
      expiresAt: { $gt: now },
    });
    if (!record) return null;
    const claimed = await em.nativeUpdate(EmailToken, { id: record.id, usedAt: null }, { usedAt: now });
    return claimed === 1 ? { userId: record.userId, address: record.address } : null;
  }

  async purgeExpired(before: Date): Promise<number> {
    return this.em.fork().nativeDelete(EmailToken, { expiresAt: { $lt: before } });
  }
}
