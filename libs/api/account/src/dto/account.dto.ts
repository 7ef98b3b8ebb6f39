import { Omittable } from '@huntkit/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { AccountEmail, DisplayName, TimeZone } from '@huntkit/api/auth';
import { IsAcceptablePassword } from '@huntkit/api/users';

export class UpdateProfileDto {
  @Omittable()
  @DisplayName()
  @ApiPropertyOptional({ example: 'Ada', minLength: 1, maxLength: 80 })
  displayName?: string;

  @ApiPropertyOptional({
    example: 'Europe/Paris',
    description: 'IANA time zone for dates across the app and the daily credit reset',
  })
  @Omittable()
  @TimeZone()
  timeZone?: string;
}

export class RequestEmailChangeDto {
  @AccountEmail()
  newEmail!: string;
}

export class PendingEmailChangeDto {
  @ApiProperty({ example: 'ada@new.example' }) newEmail!: string;
  @ApiProperty({ format: 'date-time', description: 'When the confirmation link stops working' })
  expiresAt!: string;
}

export class EmailChangeStateDto {
  @ApiProperty({ type: PendingEmailChangeDto, nullable: true, description: 'Null when no change waits' })
  pending!: PendingEmailChangeDto | null;
}

export class EmailTokenDto {
  @ApiProperty({ description: 'The token from the link in the mail' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;
}

export class EmailChangeConfirmedDto {
  @ApiProperty({ example: 'ada@new.example' }) email!: string;
  @ApiProperty({ example: 2 }) otherSessionsEnded!: number;
  @ApiProperty({ description: 'True when this browser stays signed in (it was signed in to the account)' })
  signedIn!: boolean;
}

export class EmailChangeReportedDto {
  @ApiProperty({ description: 'True when the change had gone through and the old address was put back' })
  restored!: boolean;
}

export class ChangePasswordDto {
  @ApiProperty({
    minLength: 8,
    maxLength: 128,
    description: '8 to 128 characters, not one of the most common passwords, not the current one',
  })
  @IsAcceptablePassword()
  newPassword!: string;
}
