import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail({}, { message: 'Enter a valid email address.' })
  @MaxLength(254)
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

export class SignInResultDto {
  @ApiProperty({
    enum: ['signed_in', 'second_factor_required'],
    description:
      'second_factor_required comes with a challenge to answer instead of a session (multi-factor sign-in)',
  })
  status!: 'signed_in' | 'second_factor_required';
  @ApiPropertyOptional({ type: MeDto }) user?: MeDto;
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
}
