import { type AuditActor, AuditService } from '@huntkit/api/audit';
import { type ApiTokenScope, ProblemException } from '@huntkit/api/core';
import { hashToken } from '@huntkit/api/sessions';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ApiToken } from '../entities/api-token.entity';

/** Tokens look like `hk_pat_<43 base64url chars>`, so secret scanners and people can recognise them. */
export const API_TOKEN_PREFIX = 'hk_pat_';
const API_TOKEN_PATTERN = /^hk_pat_[A-Za-z0-9_-]{43}$/;

export const MAX_ACTIVE_API_TOKENS = 20;

/** `last_used_at` is written at most this often per token, so busy integrations don't write per call. */
export const LAST_USED_PRECISION_MS = 60_000;

export interface NewApiToken {
  name: string;
  scopes: readonly ApiTokenScope[];
  expiresAt: Date | null;
}

export interface ApiTokenIdentity {
  tokenId: string;
  userId: string;
  scopes: readonly ApiTokenScope[];
  /** True when this use was the first recorded in its minute (so callers can note activity rarely). */
  firstUseThisMinute: boolean;
}

/** Personal API tokens: minted once, stored hashed, revocable, expiring, with a last-used trace. */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** Names are unique among a user's usable tokens, so a double-clicked "Create" cannot mint two. */
  async create(
    userId: string,
    request: NewApiToken,
    actor: AuditActor = {},
  ): Promise<{ record: ApiToken; secret: string }> {
    const secret = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    return this.em.fork().transactional(async (em) => {
      // Serialises creations per user, so the count and name checks below cannot race.
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`api-tokens:${userId}`]);
      const live = await em.find(ApiToken, { userId, revokedAt: null });
      const now = Date.now();
      const usable = live.filter((token) => !token.expiresAt || token.expiresAt.getTime() > now);
      if (usable.some((token) => token.name.toLowerCase() === request.name.toLowerCase())) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'api_token_name_taken',
          `You already have a token named "${request.name}". Pick another name or revoke that one.`,
        );
      }
      if (usable.length >= MAX_ACTIVE_API_TOKENS) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'too_many_api_tokens',
          `You can have at most ${MAX_ACTIVE_API_TOKENS} active tokens. Revoke one you no longer use.`,
        );
      }
      const record = em.create(ApiToken, {
        userId,
        name: request.name,
        scopes: [...new Set(request.scopes)],
        tokenHash: hashToken(secret),
        displayPrefix: secret.slice(0, API_TOKEN_PREFIX.length + 4),
        expiresAt: request.expiresAt,
      });
      em.persist(record);
      this.audit.record(em, {
        ...actor,
        actorId: userId,
        targetUserId: userId,
        action: 'api_token.created',
        details: { tokenId: record.id, name: record.name, scopes: record.scopes },
      });
      return { record, secret };
    });
  }

  /** The user's tokens that were not revoked, newest first (expired ones stay listed, marked). */
  list(userId: string): Promise<ApiToken[]> {
    return this.em.fork().find(ApiToken, { userId, revokedAt: null }, { orderBy: { createdAt: 'desc' } });
  }

  /** Revokes one of the user's tokens; repeating it is harmless. Someone else's token is "not found". */
  async revoke(userId: string, tokenId: string, actor: AuditActor = {}): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      const revoked = await em.nativeUpdate(
        ApiToken,
        { id: tokenId, userId, revokedAt: null },
        { revokedAt: new Date() },
      );
      if (revoked > 0)
        this.audit.record(em, {
          ...actor,
          actorId: userId,
          targetUserId: userId,
          action: 'api_token.revoked',
          details: { tokenId },
        });
      else if ((await em.count(ApiToken, { id: tokenId, userId })) === 0)
        throw new ProblemException(HttpStatus.NOT_FOUND, 'api_token_not_found', 'There is no such token.');
    });
  }

  /** Who a presented secret belongs to, if it is live; notes when and from where it was used. */
  async authenticate(secret: string, ip: string | null): Promise<ApiTokenIdentity | null> {
    if (!API_TOKEN_PATTERN.test(secret)) return null;
    const em = this.em.fork();
    const now = new Date();
    const token = await em.findOne(ApiToken, { tokenHash: hashToken(secret), revokedAt: null });
    if (!token || (token.expiresAt && token.expiresAt <= now)) return null;
    let firstUseThisMinute = false;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
      firstUseThisMinute =
        1 ===
        (await em.nativeUpdate(
          ApiToken,
          {
            id: token.id,
            $or: [
              { lastUsedAt: null },
              { lastUsedAt: { $lte: new Date(now.getTime() - LAST_USED_PRECISION_MS) } },
            ],
          },
          { lastUsedAt: now, lastUsedIp: ip?.slice(0, 64) ?? null },
        ));
    }
    return { tokenId: token.id, userId: token.userId, scopes: token.scopes, firstUseThisMinute };
  }

  /** Deletes tokens revoked or expired before the given time (their history is no longer useful). */
  purgeEnded(before: Date): Promise<number> {
    return this.em.fork().nativeDelete(ApiToken, {
      $or: [{ revokedAt: { $lt: before } }, { expiresAt: { $lt: before } }],
    });
  }
}
