import type { SocialNetwork } from '@huntkit/api/core';
import { ApiProperty } from '@nestjs/swagger';

export class SocialLinkDto {
  @ApiProperty({ enum: ['github', 'x', 'linkedin', 'discord'] }) network!: SocialNetwork;
  @ApiProperty({ example: 'GitHub' }) label!: string;
  @ApiProperty({ example: 'https://github.com/huntkit' }) url!: string;
}

export class SiteInfoDto {
  @ApiProperty({ example: 'Huntkit' }) name!: string;
  @ApiProperty({ example: '© 2026 The Huntkit authors. All rights reserved.' }) copyright!: string;
  @ApiProperty({ type: [SocialLinkDto], description: 'Only the networks configured on this deployment' })
  socialLinks!: SocialLinkDto[];
}
