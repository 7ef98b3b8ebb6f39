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
