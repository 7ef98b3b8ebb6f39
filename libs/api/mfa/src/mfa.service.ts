import { type AuditActor, AuditService } from '@huntkit/api/audit';
import { APP_CONFIG, type AppConfig, ProblemException } from '@huntkit/api/core';
import { formatMailTime, MailService } from '@huntkit/api/mail';
import { UsersService } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHmac, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { toDataURL } from 'qrcode';
import { MfaBackupCode } from './entities/mfa-backup-code.entity';
import { MfaChallenge } from './entities/mfa-challenge.entity';
import { MfaFactor } from './entities/mfa-factor.entity';
import { open, seal } from './secret-box';

export const MFA_ISSUER = 'Huntkit';
export const BACKUP_CODE_COUNT = 10;
export const CHALLENGE_ATTEMPTS = 5;
const CHALLENGE_TTL_MS = 5 * 60_000;
/** One 30-second step either side of now, for phones whose clocks drift a little. */
const TOLERANCE_SECONDS = 30;
/** No 0/O or 1/I/L: codes are read off paper and typed in. */
const BACKUP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export type SecondFactor = { code: string } | { backupCode: string };

const normalizeBackupCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

function newBackupCode(): string {
  const chars = Array.from({ length: 10 }, () => BACKUP_ALPHABET[randomInt(BACKUP_ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const notEnabled = () =>
  new ProblemException(HttpStatus.CONFLICT, 'mfa_not_enabled', 'Two-factor authentication is not turned on.');
const challengeEnded = () =>
  new ProblemException(
    HttpStatus.UNAUTHORIZED,
    'mfa_challenge_ended',
    'This sign-in step has expired or had too many wrong codes. Sign in again.',
  );

/**
 * Two-factor authentication with an authenticator app (TOTP, RFC 6238) and single-use backup codes.
 * Every "use once" rule is a conditional UPDATE, so concurrent requests cannot both spend the same code.
 */
@Injectable()
export class MfaService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(
    userId: string,
  ): Promise<{ enabled: boolean; enabledAt: Date | null; backupCodesLeft: number }> {
    const em = this.em.fork();
    const factor = await em.findOne(MfaFactor, { userId, enabledAt: { $ne: null } });
    const backupCodesLeft = factor ? await em.count(MfaBackupCode, { userId, usedAt: null }) : 0;
    return { enabled: factor !== null, enabledAt: factor?.enabledAt ?? null, backupCodesLeft };
  }

  async isEnabled(userId: string): Promise<boolean> {
    return (await this.em.fork().count(MfaFactor, { userId, enabledAt: { $ne: null } })) > 0;
  }

  /** A new secret for the authenticator app; it counts only once a code from it is confirmed. */
  async startEnrollment(userId: string, accountName: string) {
    if (await this.isEnabled(userId))
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'mfa_already_enabled',
        'Two-factor authentication is already on.',
      );
    const secret = generateSecret();
    await this.em.fork().upsert(MfaFactor, {
      userId,
      secretCiphertext: seal(this.config.mfa.encryptionKey, secret),
      createdAt: new Date(),
      enabledAt: null,
      lastUsedStep: 0,
    });
    const otpauthUri = generateURI({ issuer: MFA_ISSUER, label: accountName, secret });
    return { secret, otpauthUri, qrCodeDataUrl: await toDataURL(otpauthUri, { margin: 1, width: 240 }) };
  }

  /** Turns MFA on with the first valid code and returns the backup codes (shown this once). */
  async confirmEnrollment(userId: string, code: string, actor: AuditActor): Promise<string[]> {
    const factor = await this.em.fork().findOne(MfaFactor, { userId });
    if (!factor || factor.enabledAt)
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'mfa_enrollment_missing',
        'Start the set-up again: there is no pending authenticator.',
      );
    const step = this.matchingStep(factor, code);
    if (step === null) throw this.invalidCode();
    const enabledAt = new Date();
    const codes = await this.em.fork().transactional(async (em) => {
      const updated = await em.nativeUpdate(
        MfaFactor,
        { userId, enabledAt: null, lastUsedStep: { $lt: step } },
        { enabledAt, lastUsedStep: step },
      );
      if (updated === 0) throw this.invalidCode();
      const codes = await this.replaceBackupCodes(em, userId);
      this.audit.record(em, { ...actor, actorId: userId, targetUserId: userId, action: 'mfa.enabled' });
      return codes;
    });
    await this.alertOwner(userId, true, enabledAt);
    return codes;
  }

  async disable(userId: string, actor: AuditActor): Promise<void> {
    const disabledAt = new Date();
    const wasOn = await this.em.fork().transactional(async (em) => {
      const removed = await em.nativeDelete(MfaFactor, { userId, enabledAt: { $ne: null } });
      await em.nativeDelete(MfaFactor, { userId });
      await em.nativeDelete(MfaBackupCode, { userId });
      if (removed > 0)
        this.audit.record(em, { ...actor, actorId: userId, targetUserId: userId, action: 'mfa.disabled' });
      return removed > 0;
    });
    if (wasOn) await this.alertOwner(userId, false, disabledAt);
  }

  /** The security notice for turning two-factor on or off, once per change. */
  private async alertOwner(userId: string, enabled: boolean, at: Date): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) return;
    await this.mail.send(
      'mfa-changed',
      { email: user.email, userId },
      {
        displayName: user.displayName,
        enabled,
        changedAt: formatMailTime(at, user.timeZone),
        securityUrl: `${this.config.appUrl}/account#security`,
      },
      `mfa-changed:${userId}:${at.getTime()}`,
    );
  }

  /** A new set of backup codes; the old ones stop working at once. */
  async regenerateBackupCodes(userId: string, actor: AuditActor): Promise<string[]> {
    if (!(await this.isEnabled(userId))) throw notEnabled();
    return this.em.fork().transactional(async (em) => {
      const codes = await this.replaceBackupCodes(em, userId);
      this.audit.record(em, {
        ...actor,
        actorId: userId,
        targetUserId: userId,
        action: 'mfa.backup_codes_regenerated',
      });
      return codes;
    });
  }

  /** Checks and spends a TOTP code or a backup code of the user; false when it is wrong or was used. */
  async verify(userId: string, answer: SecondFactor): Promise<boolean> {
    const em = this.em.fork();
    if ('backupCode' in answer) {
      const used = await em.nativeUpdate(
        MfaBackupCode,
        { userId, codeHash: this.hashBackupCode(answer.backupCode), usedAt: null },
        { usedAt: new Date() },
      );
      return used === 1;
    }
    const factor = await em.findOne(MfaFactor, { userId, enabledAt: { $ne: null } });
    const step = factor ? this.matchingStep(factor, answer.code) : null;
    if (step === null) return false;
    // Only the first of two requests with the same code moves the step forward.
    const spent = await em.nativeUpdate(
      MfaFactor,
      { userId, lastUsedStep: { $lt: step } },
      { lastUsedStep: step },
    );
    return spent === 1;
  }

  /** Challenges are dead minutes after their sign-in; the daily auth purge clears them away. */
  purgeExpiredChallenges(before: Date): Promise<number> {
    return this.em.fork().nativeDelete(MfaChallenge, { expiresAt: { $lt: before } });
  }

  /** Opens the second step of a sign-in whose first step (`firstFactor`: password, provider) passed. */
  async createChallenge(userId: string, firstFactor: string): Promise<MfaChallenge> {
    const em = this.em.fork();
    const challenge = em.create(MfaChallenge, {
      userId,
      firstFactor,
      expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
    });
    await em.persist(challenge).flush();
    return challenge;
  }

  /**
   * Answers a sign-in challenge: whose it is and how its first step passed, when the code is right.
   * Each try spends one of the challenge's attempts first, so a burst of guesses cannot go past the
   * budget.
   */
  async answerChallenge(
    challengeId: string,
    answer: SecondFactor,
  ): Promise<{ userId: string; firstFactor: string }> {
    const em = this.em.fork();
    const rows = await em.execute<{ user_id: string; first_factor: string; attempts: number }[]>(
      `update mfa_challenges set attempts = attempts + 1
        where id = ? and completed_at is null and expires_at > now() and attempts < ?
        returning user_id, first_factor, attempts`,
      [challengeId, CHALLENGE_ATTEMPTS],
    );
    const row = rows[0];
    if (!row) throw challengeEnded();
    if (!(await this.verify(row.user_id, answer))) {
      const left = CHALLENGE_ATTEMPTS - row.attempts;
      if (left <= 0) throw challengeEnded();
      throw this.invalidCode(left);
    }
    const completed = await em.nativeUpdate(
      MfaChallenge,
      { id: challengeId, completedAt: null },
      { completedAt: new Date() },
    );
    if (completed === 0) throw challengeEnded();
    return { userId: row.user_id, firstFactor: row.first_factor };
  }

  private matchingStep(factor: MfaFactor, code: string): number | null {
    const secret = open(this.config.mfa.encryptionKey, factor.secretCiphertext);
    const token = code.replace(/\s+/g, '');
    if (!secret || !/^\d{6}$/.test(token)) return null;
    const result = verifySync({
      secret,
      token,
      epochTolerance: TOLERANCE_SECONDS,
      afterTimeStep: Number(factor.lastUsedStep),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private async replaceBackupCodes(em: EntityManager, userId: string): Promise<string[]> {
    await em.nativeDelete(MfaBackupCode, { userId });
    const codes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode);
    for (const code of codes) em.create(MfaBackupCode, { userId, codeHash: this.hashBackupCode(code) });
    await em.flush();
    return codes;
  }

  private hashBackupCode(code: string): string {
    return createHmac('sha256', this.config.secrets.app)
      .update(`mfa-backup:${normalizeBackupCode(code)}`)
      .digest('hex');
  }

  private invalidCode(attemptsLeft?: number): ProblemException {
    return new ProblemException(
      HttpStatus.UNAUTHORIZED,
      'invalid_code',
      'That code is not right, or it was already used. Use the newest code from your app.',
      attemptsLeft === undefined ? {} : { attemptsLeft },
    );
  }
}
