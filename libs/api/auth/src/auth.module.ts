import { AUTHENTICATOR } from '@huntkit/api/core';
import { MailModule } from '@huntkit/api/mail';
import { AuditWriterModule } from '@huntkit/api/audit';
import { MfaModule } from '@huntkit/api/mfa';
import { AccountSessionsController } from './account-sessions/account-sessions.controller';
import { PasswordChangeService } from './password-change.service';
import { AccountSessionsService } from './account-sessions/account-sessions.service';
import { SessionsModule } from '@huntkit/api/sessions';
import { UsersModule } from '@huntkit/api/users';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CsrfGuard } from './csrf.guard';
import { CsrfTokens } from './csrf-tokens';
import { EmailToken } from './entities/email-token.entity';
import { LoginEvent } from './entities/login-event.entity';
import { EmailTokens } from './email-tokens.service';
import { RegistrationController } from './registration.controller';
import { RegistrationService } from './registration.service';
import { PasswordResetService } from './password-reset.service';
import { SignInBackoff } from './sign-in-backoff';
import { AddressLimits } from './address-limits';
import { SessionAuthenticator } from './session-authenticator';
import { RequestAuthenticator } from './request-authenticator';
import { ActiveUsers } from './activity/active-users.service';
import { ApiToken } from './entities/api-token.entity';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { EmailChangeController } from './email-change/email-change.controller';
import { EmailChangeService } from './email-change/email-change.service';
import { SignInAlerts } from './sign-in-alerts';
import { SocialIdentity } from './entities/social-identity.entity';
import { GithubSignIn } from './social/github-sign-in';
import { GoogleSignIn } from './social/google-sign-in';
import { SocialController } from './social/social.controller';
import { SocialSignInService } from './social/social-sign-in.service';
import { HumanCheck, HumanCheckGuard } from './turnstile/human-check';

/** Sign-in, sessions over cookies, personal API tokens, CSRF. Global, so the access-policy guard can reach the authenticator. */
@Global()
@Module({
  imports: [
    UsersModule,
    MailModule,
    SessionsModule.forRoot(),
    MfaModule,
    AuditWriterModule,
    MikroOrmModule.forFeature([LoginEvent, EmailToken, ApiToken, SocialIdentity]),
  ],
  controllers: [
    AuthController,
    RegistrationController,
    ApiTokensController,
    AccountSessionsController,
    EmailChangeController,
    SocialController,
  ],
  providers: [
    AuthService,
    RegistrationService,
    PasswordResetService,
    PasswordChangeService,
    EmailChangeService,
    SignInAlerts,
    GoogleSignIn,
    GithubSignIn,
    SocialSignInService,
    HumanCheck,
    HumanCheckGuard,
    SignInBackoff,
    AddressLimits,
    EmailTokens,
    AccessTokens,
    CsrfTokens,
    SessionAuthenticator,
    ApiTokensService,
    AccountSessionsService,
    ActiveUsers,
    RequestAuthenticator,
    { provide: AUTHENTICATOR, useExisting: RequestAuthenticator },
    { provide: APP_GUARD, useClass: CsrfGuard },
  ],
  exports: [AUTHENTICATOR, ActiveUsers],
})
export class AuthModule {}
