import { hashToken } from '@huntkit/api/sessions';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EmailToken, type EmailTokenPurpose } from './entities/email-token.entity';

export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 3600 * 1000,
  reset_password: 30 * 60 * 1000,
};

/** Issues and redeems the single-use tokens behind links sent by mail. */
@Injectable()
export class EmailTokens {
  constructor(private readonly em: EntityManager) {}

  async issue(userId: string, purpose: EmailTokenPurpose): Promise<{ id: string; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const em = this.em.fork();
    const record = em.create(EmailToken, {
      userId,
      purpose,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + EMAIL_TOKEN_TTL_MS[purpose]),
    });
    await em.persist(record).flush();
    return { id: record.id, token };
  }

  /**
   * Marks the token used and returns its user, in one guarded update: of two concurrent redemptions
   * exactly one succeeds. Unknown, used, expired and wrong-purpose tokens all return null.
   */
  async redeem(token: string, purpose: EmailTokenPurpose): Promise<string | null> {
    const em = this.em.fork();
    const now = new Date();
    const record = await em.findOne(EmailToken, {
      tokenHash: hashToken(token),
      purpose,
      usedAt: null,
      expiresAt: { $gt: now },
    });
    if (!record) return null;
    const claimed = await em.nativeUpdate(EmailToken, { id: record.id, usedAt: null }, { usedAt: now });
    return claimed === 1 ? record.userId : null;
  }

  async purgeExpired(before: Date): Promise<number> {
    return this.em.fork().nativeDelete(EmailToken, { expiresAt: { $lt: before } });
  }
}
