import { APP_CONFIG, type AppConfig, deriveKey, ProblemException } from '@huntkit/api/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { NotificationPreference } from './entities/notification-preference.entity';
import {
  defaultNotificationSettings,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  type NotificationSettings,
} from './notification-categories';
import { type UnsubscribeClaim, UnsubscribeLinks } from './unsubscribe-links';

/** Where an unsubscribe link leads: the one-click endpoint mail clients POST to, and a page for people. */
export interface UnsubscribeTarget {
  oneClickUrl: string;
  pageUrl: string;
}

const invalidLink = () =>
  new ProblemException(
    HttpStatus.BAD_REQUEST,
    'unsubscribe_link_invalid',
    'This unsubscribe link is not valid. Manage your mail in Account settings › Notifications.',
  );

/**
 * Which optional mail each user wants. A category without a row has its default, so accounts made
 * before a category existed behave like new ones.
 */
@Injectable()
export class NotificationPreferencesService {
  private readonly links: UnsubscribeLinks;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.links = new UnsubscribeLinks(deriveKey(config.secrets.app, 'unsubscribe-links'));
  }

  /** Writes a new account's defaults into the caller's unit of work, so they land with the account. */
  seedDefaults(em: EntityManager, userId: string): void {
    const defaults = defaultNotificationSettings();
    for (const category of NOTIFICATION_CATEGORIES)
      em.persist(em.create(NotificationPreference, { userId, category, enabled: defaults[category] }));
  }

  async settingsOf(userId: string): Promise<NotificationSettings> {
    const rows = await this.em.fork().find(NotificationPreference, { userId });
    const settings = defaultNotificationSettings();
    for (const row of rows) settings[row.category] = row.enabled;
    return settings;
  }

  async allows(userId: string, category: NotificationCategory): Promise<boolean> {
    return (await this.settingsOf(userId))[category];
  }

  async update(userId: string, changes: Partial<NotificationSettings>): Promise<NotificationSettings> {
    const entries = NOTIFICATION_CATEGORIES.filter((category) => typeof changes[category] === 'boolean');
    if (entries.length) {
      const updatedAt = new Date();
      await this.em.fork().upsertMany(
        NotificationPreference,
        entries.map((category) => ({ userId, category, enabled: changes[category] as boolean, updatedAt })),
        { onConflictFields: ['userId', 'category'], onConflictAction: 'merge' },
      );
    }
    return this.settingsOf(userId);
  }

  unsubscribeTarget(userId: string, category: NotificationCategory): UnsubscribeTarget {
    const token = encodeURIComponent(this.links.sign({ userId, category }));
    return {
      oneClickUrl: `${this.config.appUrl}/api/notifications/unsubscribe?token=${token}`,
      pageUrl: `${this.config.appUrl}/unsubscribe?token=${token}`,
    };
  }

  /** What a link would change, for the page that confirms it; refuses forged links. */
  async inspect(token: string): Promise<UnsubscribeClaim & { enabled: boolean }> {
    const claim = this.claimOf(token);
    return { ...claim, enabled: await this.allows(claim.userId, claim.category) };
  }

  /** Sets one category from a mail link, no sign-in needed; repeating it changes nothing. */
  async setFromLink(token: string, enabled: boolean): Promise<UnsubscribeClaim & { enabled: boolean }> {
    const claim = this.claimOf(token);
    await this.update(claim.userId, { [claim.category]: enabled });
    return { ...claim, enabled };
  }

  private claimOf(token: string): UnsubscribeClaim {
    const claim = this.links.verify(token);
    if (!claim) throw invalidLink();
    return claim;
  }
}
