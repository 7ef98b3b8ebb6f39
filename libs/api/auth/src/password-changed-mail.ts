import type { AppConfig } from '@huntkit/api/core';
import type { MailService } from '@huntkit/api/mail';
import type { User } from '@huntkit/api/users';

/** The security notice after any password change (reset or from the settings), idempotent per change. */
export function passwordChangedMail(
  config: AppConfig,
  user: Pick<User, 'id' | 'email' | 'displayName'>,
  changedAt: Date,
): Parameters<MailService['send']> {
  return [
    'password-changed',
    user.email,
    {
      displayName: user.displayName,
      changedAt: `${changedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      resetUrl: `${config.appUrl}/forgot-password`,
    },
    `password-changed:${user.id}:${changedAt.getTime()}`,
  ];
}
