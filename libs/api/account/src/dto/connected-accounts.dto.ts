import { ApiProperty } from '@nestjs/swagger';

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
