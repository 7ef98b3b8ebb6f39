export * from './auth.module';
export * from './auth-jobs.module';
export * from './auth-rate-limits';
export * from './entities/login-event.entity';
export * from './entities/email-token.entity';
export * from './entities/api-token.entity';
export * from './entities/active-users.entity';
export * from './entities/social-identity.entity';
export * from './activity/active-users.service';
export { AuthService, toMeDto } from './auth.service';
export {
  clientOf,
  SessionIssuer,
  type SecondFactorRequired,
  type SessionTokens,
  type SignedInSession,
  type SignInOutcome,
} from './session-issuer';
export { clearSessionCookies } from './auth-cookies';
export { type MaybeSignedInRequest, OptionalSession } from './authentication/request-authenticator';
export { AccountEmail, DisplayName, MeDto, TimeZone } from './dto/auth.dto';
export { ApiTokensService } from './api-tokens/api-tokens.service';
export { EMAIL_TOKEN_TTL_MS, EmailTokens } from './email-tokens.service';
export { PasswordResetService } from './password-reset.service';
export { passwordChangedMail } from './password-changed-mail';
export { type DeviceDescription, describeDevice } from './device';
export { SOCIAL_PROVIDERS, SocialFlows } from './social/social-flows';
export { SocialSignInService } from './social/social-sign-in.service';
