import { createHmac, timingSafeEqual } from 'node:crypto';
import { isNotificationCategory, type NotificationCategory } from './notification-categories';

export interface UnsubscribeClaim {
  userId: string;
  category: NotificationCategory;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Signed tokens behind unsubscribe links: `<user id>.<category>.<HMAC>`. They never expire, as a mail
 * read months later must still be able to unsubscribe, and they can only ever turn one category off
 * (or back on from the same page), so a leaked link is worth little.
 */
export class UnsubscribeLinks {
  constructor(private readonly key: Buffer) {}

  sign({ userId, category }: UnsubscribeClaim): string {
    return `${userId}.${category}.${this.mac(userId, category).toString('base64url')}`;
  }

  /** The claim of a genuine token; null for anything forged, altered or malformed. */
  verify(token: string): UnsubscribeClaim | null {
    const [userId, category, signature, ...rest] = token.split('.');
    if (rest.length || !userId || !UUID.test(userId) || !isNotificationCategory(category) || !signature)
      return null;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(userId, category);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { userId, category };
  }

  private mac(userId: string, category: string): Buffer {
    return createHmac('sha256', this.key).update(`${userId}:${category}`).digest();
  }
}
