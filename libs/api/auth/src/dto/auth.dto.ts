import { Omittable } from '@huntkit/api/core';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsAcceptablePassword } from '@huntkit/api/users';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsString,
  IsTimeZone,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** The name shown in the app, as sign-up and the profile take it (trimmed, no control characters or markup). */
export function DisplayName(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example: 'Ada', minLength: 1, maxLength: 80 }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MinLength(1, { message: 'Tell us what to call you.' }),
    MaxLength(80, { message: 'Use at most 80 characters.' }),
    Matches(/^[^\p{Cc}<>]*$/u, { message: 'Use letters, digits, spaces and punctuation only.' }),
  );
}

/** An IANA zone name; the swagger decorator stays with the field, which says what the zone is for. */
export function TimeZone(): PropertyDecorator {
  return IsTimeZone({ message: 'Use an IANA time zone such as Europe/Paris.' });
}

/** An account's email address, as every auth request takes it. */
export function AccountEmail(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example: 'ada@example.com', maxLength: 254 }),
    IsEmail({}, { message: 'Enter a valid email address.' }),
    MaxLength(254),
  );
}

export class LoginDto {
  @AccountEmail()
  email!: string;

  /** No policy check here: an old password must still be able to sign in; only length is bounded. */
  @ApiProperty({ example: 'correct horse battery staple', minLength: 1, maxLength: 1024 })
  @IsString()
  @MinLength(1, { message: 'Enter your password.' })
  @MaxLength(1024)
  password!: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty({ example: 'Ada' }) displayName!: string;
  @ApiProperty({ enum: ['user', 'admin', 'superadmin'], isArray: true }) roles!: (
    | 'user'
    | 'admin'
    | 'superadmin'
  )[];
  @ApiProperty({ example: 'Europe/Paris' }) timeZone!: string;
  @ApiProperty() verified!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SignInChallengeDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Send it back with the code to POST /api/auth/login/second-factor',
  })
  id!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class SecondFactorDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Sign in again.' })
  challengeId!: string;

  @ApiPropertyOptional({ example: '123456', description: 'A code from the authenticator app' })
  @ValidateIf((body: SecondFactorDto) => body.backupCode === undefined)
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'Enter the 6 digits your app shows.' })
  code?: string;

  @ApiPropertyOptional({ example: '7KQ2M-XH9PW', description: 'Or one of the backup codes' })
  @Omittable()
  @IsString()
  @MaxLength(20)
  backupCode?: string;
}

export class ReauthDto {
  @ApiPropertyOptional({ description: 'The account password' })
  @ValidateIf((body: ReauthDto) => body.code === undefined && body.backupCode === undefined)
  @IsString()
  @MinLength(1, { message: 'Enter your password, or a code from your authenticator app.' })
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({ example: '123456', description: 'Or a code from the authenticator app' })
  @Omittable()
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'Enter the 6 digits your app shows.' })
  code?: string;

  @ApiPropertyOptional({ description: 'Or one of the backup codes' })
  @Omittable()
  @IsString()
  @MaxLength(20)
  backupCode?: string;
}

export class SignInResultDto {
  @ApiProperty({
    enum: ['signed_in', 'second_factor_required'],
    description:
      'second_factor_required comes with a challenge to answer instead of a session (multi-factor sign-in)',
  })
  status!: 'signed_in' | 'second_factor_required';
  @ApiPropertyOptional({ type: MeDto }) user?: MeDto;
  @ApiPropertyOptional({ type: SignInChallengeDto }) challenge?: SignInChallengeDto;
}

export class CsrfTokenDto {
  @ApiProperty({
    description:
      'Send it back as the X-XSRF-TOKEN header on state-changing requests (also set as the XSRF-TOKEN cookie)',
  })
  token!: string;
}

export class SessionStateDto {
  @ApiProperty({ type: MeDto, nullable: true, description: 'The signed-in account, or null when signed out' })
  user!: MeDto | null;
  @ApiProperty({
    description:
      'True when signed out only because the access token lapsed: POST /api/auth/refresh (with a token from GET /api/auth/csrf) may restore the session',
  })
  refreshable!: boolean;
}

export class RegisterDto {
  @AccountEmail()
  email!: string;

  @ApiProperty({
    minLength: 8,
    maxLength: 128,
    description: '8 to 128 characters, not one of the most common passwords',
  })
  @IsAcceptablePassword()
  password!: string;

  @DisplayName()
  displayName!: string;

  @ApiPropertyOptional({
    example: 'Europe/Paris',
    description:
      "IANA time zone for dates and the daily credit reset (the browser's, by default); UTC if absent",
  })
  @Omittable()
  @TimeZone()
  timeZone?: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token from the link in the verification mail' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;
}

export class ResendVerificationDto {
  @AccountEmail()
  email!: string;
}

export class AcceptedDto {
  @ApiProperty({ example: 'check_your_email' }) status!: 'check_your_email';
  @ApiProperty({
    example: 'If the address can receive mail, a message is on its way. Follow its link to continue.',
  })
  message!: string;
}

export class ForgotPasswordDto {
  @AccountEmail()
  email!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'The token from the link in the reset mail' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;

  @ApiProperty({
    minLength: 8,
    maxLength: 128,
    description: '8 to 128 characters, not one of the most common passwords',
  })
  @IsAcceptablePassword()
  password!: string;
}
