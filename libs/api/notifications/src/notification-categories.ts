/**
 * Mail a user may turn off. Security alerts and the mail behind sign-up, sign-in and password resets
 * are not here: they cannot be muted.
 */
export const NOTIFICATION_CATEGORIES = [
  'run_finished',
  'low_credits',
  'billing',
  'blog_digest',
  'product_news',
] as const;

export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export interface NotificationCategoryInfo {
  label: string;
  description: string;
  /** What a new account starts with: mail about the user's own work on, marketing off. */
  enabledByDefault: boolean;
}

export const NOTIFICATION_CATEGORY_INFO: Record<NotificationCategory, NotificationCategoryInfo> = {
  run_finished: {
    label: 'Finished runs',
    description: 'A mail when a long run ends, with its findings at a glance.',
    enabledByDefault: true,
  },
  low_credits: {
    label: 'Low credits',
    description: 'A warning when your paid credits are running out.',
    enabledByDefault: true,
  },
  billing: {
    label: 'Billing',
    description: 'Receipts, renewals and payment problems.',
    enabledByDefault: true,
  },
  blog_digest: {
    label: 'Blog digest',
    description: 'A weekly round-up of new posts on the Huntkit blog.',
    enabledByDefault: false,
  },
  product_news: {
    label: 'Product news',
    description: 'New tools and features, a few times a year.',
    enabledByDefault: false,
  },
};

export function isNotificationCategory(value: unknown): value is NotificationCategory {
  return typeof value === 'string' && (NOTIFICATION_CATEGORIES as readonly string[]).includes(value);
}

export type NotificationSettings = Record<NotificationCategory, boolean>;

export function defaultNotificationSettings(): NotificationSettings {
  return Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((category) => [
      category,
      NOTIFICATION_CATEGORY_INFO[category].enabledByDefault,
    ]),
  ) as NotificationSettings;
}
