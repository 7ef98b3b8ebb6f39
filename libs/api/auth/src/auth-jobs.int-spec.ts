import { AuditEntry } from '@huntkit/api/audit';
import { CoreModule } from '@huntkit/api/core';
import { prepareTestEnvironment } from '@huntkit/api/core/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { getQueueToken } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import type { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import {
  AuthJobsModule,
  AuthPurgeProcessor,
  ENDED_API_TOKEN_RETENTION_MS,
  PURGE_CREDENTIALS_JOB,
} from './auth-jobs.module';
import { MFA_ENTITIES, MfaChallenge } from '@huntkit/api/mfa';
import { NotificationPreference } from '@huntkit/api/notifications';
import { RefreshToken, Session } from '@huntkit/api/sessions';
import { User } from '@huntkit/api/users';
import { ApiToken } from './entities/api-token.entity';
import { EmailToken } from './entities/email-token.entity';

const schema = {
  entities: [
    EmailToken,
    ApiToken,
    AuditEntry,
    User,
    NotificationPreference,
    Session,
    RefreshToken,
    ...MFA_ENTITIES,
  ],
  migrations: [],
  seeds: [],
};

describe('daily purge of dead mail links, sign-in challenges and API tokens (worker)', () => {
  it('schedules itself once per cluster and deletes only what has ended', async () => {
    const config = await prepareTestEnvironment({ label: 'auth_purge', schema });
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, schema, 'worker'), AuthJobsModule],
    }).compile();
    await moduleRef.init();
    try {
      const queue = moduleRef.get<Queue>(getQueueToken('auth'));
      expect((await queue.getJobSchedulers()).map((s) => [s.key, s.every])).toEqual([
        [PURGE_CREDENTIALS_JOB, 24 * 3600_000],
      ]);

      const em = moduleRef.get(EntityManager).fork();
      const now = Date.now();
      const userId = randomUUID();
      const link = (expiresAt: number) =>
        em.create(EmailToken, {
          userId,
          purpose: 'verify_email',
          tokenHash: randomUUID().replace(/-/g, ''),
          expiresAt: new Date(expiresAt),
        });
      const token = (changes: Partial<ApiToken>) =>
        em.create(ApiToken, {
          userId,
          name: randomUUID(),
          scopes: ['account:read'],
          tokenHash: randomUUID().replace(/-/g, ''),
          displayPrefix: 'hk_pat_test',
          ...changes,
        });
      const deadLink = link(now - 1000);
      const liveLink = link(now + 3600_000);
      const longRevoked = token({ revokedAt: new Date(now - ENDED_API_TOKEN_RETENTION_MS - 60_000) });
      const longExpired = token({ expiresAt: new Date(now - ENDED_API_TOKEN_RETENTION_MS - 60_000) });
      const recentlyRevoked = token({ revokedAt: new Date(now - 60_000) });
      const live = token({ expiresAt: new Date(now + 3600_000) });
      const challenge = (expiresAt: number) =>
        em.create(MfaChallenge, { userId, expiresAt: new Date(expiresAt) });
      const deadChallenge = challenge(now - 1000);
      const liveChallenge = challenge(now + 300_000);
      await em
        .persist([
          deadLink,
          liveLink,
          longRevoked,
          longExpired,
          recentlyRevoked,
          live,
          deadChallenge,
          liveChallenge,
        ])
        .flush();

      // The scheduler's own first run may have deleted some already; either way the outcome is the same.
      await moduleRef.get(AuthPurgeProcessor).process({ name: PURGE_CREDENTIALS_JOB } as Job);
      const links = await em.fork().find(EmailToken, { userId });
      expect(links.map((l) => l.id)).toEqual([liveLink.id]);
      const tokens = await em.fork().find(ApiToken, { userId });
      expect(tokens.map((t) => t.id).sort()).toEqual([recentlyRevoked.id, live.id].sort());
      const challenges = await em.fork().find(MfaChallenge, { userId });
      expect(challenges.map((c) => c.id)).toEqual([liveChallenge.id]);
    } finally {
      await moduleRef.close();
    }
  });
});
