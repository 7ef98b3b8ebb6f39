import type { AppConfig } from '@huntkit/api/core';
import { formatMailTime, type MailService } from '@huntkit/api/mail';
import type { User } from '@huntkit/api/users';

/** The security notice after any password change (reset or from the settings), idempotent per change. */
export function passwordChangedMail(
  config: AppConfig,
  user: Pick<User, 'id' | 'email' | 'displayName' | 'timeZone'>,
  changedAt: Date,
): Parameters<MailService['send']> {
  return [
    'password-changed',
    { email: user.email, userId: user.id },
    {
      displayName: user.displayName,
      changedAt: formatMailTime(changedAt, user.timeZone),
      resetUrl: `${config.appUrl}/forgot-password`,
    },
    `password-changed:${user.id}:${changedAt.getTime()}`,
  ];
}
