import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class MfaStatusDto {
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) enabledAt!: string | null;
  @ApiProperty({ description: 'Backup codes not used yet' }) backupCodesLeft!: number;
}

export class MfaEnrollmentDto {
  @ApiProperty({
    example: 'JBSWY3DPEHPK3PXP',
    description: 'For typing into the app when the QR code cannot be scanned',
  })
  secret!: string;
  @ApiProperty({ example: 'otpauth://totp/Huntkit:ada%40example.com?secret=…&issuer=Huntkit' })
  otpauthUri!: string;
  @ApiProperty({ description: 'The otpauth URI as a PNG QR code (data: URL)' }) qrCodeDataUrl!: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456', description: 'The 6-digit code the authenticator app shows now' })
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'Enter the 6 digits your app shows.' })
  code!: string;
}

export class BackupCodesDto {
  @ApiProperty({
    type: [String],
    example: ['7KQ2M-XH9PW'],
    description: 'Single-use codes for when the phone is not at hand. Shown only now: store them safely.',
  })
  backupCodes!: string[];
}
