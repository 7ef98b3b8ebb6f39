import { CSRF_GUARD, AUTHENTICATOR } from '@huntkit/api/core';
import { AuditWriterModule } from '@huntkit/api/audit';
import { MailModule } from '@huntkit/api/mail';
import { MfaModule } from '@huntkit/api/mfa';
import { SessionsModule } from '@huntkit/api/sessions';
import { UsersModule } from '@huntkit/api/users';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ActiveUsers } from './activity/active-users.service';
import { AddressLimits } from './address-limits';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AccessTokenStrategy } from './authentication/access-token.strategy';
import { AccessTokens } from './authentication/access-tokens';
import { ApiTokenStrategy } from './authentication/api-token.strategy';
import { CookieSessions } from './authentication/cookie-sessions';
import { CsrfGuard } from './authentication/csrf.guard';
import { CsrfTokens } from './authentication/csrf-tokens';
import { RequestAuthenticator } from './authentication/request-authenticator';
import { EmailTokens } from './email-tokens.service';
import { ApiToken } from './entities/api-token.entity';
import { EmailToken } from './entities/email-token.entity';
import { LoginEvent } from './entities/login-event.entity';
import { SocialIdentity } from './entities/social-identity.entity';
import { PasswordResetService } from './password-reset.service';
import { RegistrationController } from './registration.controller';
import { RegistrationService } from './registration.service';
import { SessionIssuer } from './session-issuer';
import { SignInAlerts } from './sign-in-alerts';
import { SignInBackoff } from './sign-in-backoff';
import { GithubSignIn } from './social/github-sign-in';
import { GoogleSignIn } from './social/google-sign-in';
import { SocialController } from './social/social.controller';
import { SocialFlows } from './social/social-flows';
import { SocialSignInService } from './social/social-sign-in.service';
import { HumanCheck, HumanCheckGuard } from './turnstile/human-check';

/**
 * Signing up and in: verification, password and provider sign-in (with One Tap and the second
 * factor), access and refresh tokens, personal API tokens, CSRF and Turnstile. Requests are
 * authenticated by passport strategies; the app hands `AUTHENTICATOR` and `CSRF_GUARD` to core's
 * `AccessModule.forRoot`, which runs them as global guards. The account feature builds on the exports.
 */
@Module({
  imports: [
    PassportModule,
    UsersModule,
    MailModule,
    SessionsModule.forRoot(),
    MfaModule,
    AuditWriterModule,
    MikroOrmModule.forFeature([LoginEvent, EmailToken, ApiToken, SocialIdentity]),
  ],
  controllers: [AuthController, RegistrationController, SocialController],
  providers: [
    AuthService,
    RegistrationService,
    PasswordResetService,
    SignInAlerts,
    GoogleSignIn,
    GithubSignIn,
    SocialFlows,
    SocialSignInService,
    HumanCheck,
    HumanCheckGuard,
    SignInBackoff,
    AddressLimits,
    EmailTokens,
    AccessTokens,
    CsrfTokens,
    SessionIssuer,
    CookieSessions,
    ApiTokensService,
    ActiveUsers,
    AccessTokenStrategy,
    ApiTokenStrategy,
    RequestAuthenticator,
    CsrfGuard,
    { provide: AUTHENTICATOR, useExisting: RequestAuthenticator },
    { provide: CSRF_GUARD, useExisting: CsrfGuard },
  ],
  exports: [
    AUTHENTICATOR,
    CSRF_GUARD,
    ActiveUsers,
    AuthService,
    SessionIssuer,
    EmailTokens,
    PasswordResetService,
    ApiTokensService,
    SocialFlows,
    SocialSignInService,
  ],
})
export class AuthModule {}
