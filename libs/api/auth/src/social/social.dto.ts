import { IsString, MaxLength, MinLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

export class SignInProvidersDto {
  @ApiProperty() google!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'For Google One Tap; null when Google is off' })
  googleClientId!: string | null;
  @ApiProperty() github!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Cloudflare Turnstile site key when the human check is on; the widget loads only then',
  })
  turnstileSiteKey!: string | null;
}

export class ConnectedProviderDto {
  @ApiProperty({ enum: ['google', 'github'] }) provider!: 'google' | 'github';
  @ApiProperty({ description: 'False when this site has no credentials for the provider' })
  configured!: boolean;
  @ApiProperty() linked!: boolean;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) linkedAt!: string | null;
}

export class ConnectedAccountsDto {
  @ApiProperty({ type: [ConnectedProviderDto] }) providers!: ConnectedProviderDto[];
  @ApiProperty({ description: 'Whether the account also signs in with a password' }) hasPassword!: boolean;
}

export class AuthorizationUrlDto {
  @ApiProperty({ example: 'https://accounts.google.com/o/oauth2/v2/auth?…' }) authorizationUrl!: string;
}

export class OneTapDto {
  @ApiProperty({ description: 'The ID token Google One Tap handed the page' })
  @IsString()
  @MinLength(20)
  @MaxLength(8192)
  credential!: string;

  @ApiProperty({ description: 'The value of the g_csrf_token cookie Google set (double-submit check)' })
  @IsString()
  @MinLength(8)
  @MaxLength(512)
  g_csrf_token!: string;
}
