import { AuthModule } from '@huntkit/api/auth';
import { AuditWriterModule } from '@huntkit/api/audit';
import { MailModule } from '@huntkit/api/mail';
import { SessionsModule } from '@huntkit/api/sessions';
import { UsersModule } from '@huntkit/api/users';
import { Module } from '@nestjs/common';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ConnectedAccountsController } from './connected-accounts/connected-accounts.controller';
import { EmailChangeController } from './email-change/email-change.controller';
import { EmailChangeService } from './email-change/email-change.service';
import { PasswordChangeService } from './profile/password-change.service';
import { ProfileController } from './profile/profile.controller';
import { ProfileService } from './profile/profile.service';
import { SecurityActivityController } from './security-activity.controller';
import { AccountSessionsController } from './sessions/account-sessions.controller';
import { AccountSessionsService } from './sessions/account-sessions.service';

/**
 * The signed-in user's own account (`/api/me/…`): profile, password, email address, where they are
 * signed in, connected providers, personal API tokens and security activity. Credentials themselves
 * (tokens, links, provider identities) stay with auth; this module uses its exported services.
 */
@Module({
  imports: [AuthModule, UsersModule, SessionsModule.forRoot(), AuditWriterModule, MailModule],
  controllers: [
    ProfileController,
    EmailChangeController,
    AccountSessionsController,
    ConnectedAccountsController,
    ApiTokensController,
    SecurityActivityController,
  ],
  providers: [ProfileService, PasswordChangeService, EmailChangeService, AccountSessionsService],
})
export class AccountModule {}
