import { APP_CONFIG, type AppConfig, type SocialNetwork } from '@huntkit/api/core';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

const NETWORK_LABELS: Record<SocialNetwork, string> = {
  github: 'GitHub',
  x: 'X',
  linkedin: 'LinkedIn',
  discord: 'Discord',
};

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

@ApiTags('Site')
@Controller('site')
export class SiteController {
  private readonly info: SiteInfoDto;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const socialLinks = (Object.keys(NETWORK_LABELS) as SocialNetwork[]).flatMap((network) => {
      const url = config.social[network];
      return url ? [{ network, label: NETWORK_LABELS[network], url }] : [];
    });
    this.info = {
      name: 'Huntkit',
      copyright: `© ${new Date().getUTCFullYear()} The Huntkit authors. All rights reserved.`,
      socialLinks,
    };
  }

  @Get()
  @ApiOperation({
    summary: 'Public facts about this deployment the site shell shows (footer links, copyright)',
  })
  @ApiOkResponse({ type: SiteInfoDto })
  getSiteInfo(): SiteInfoDto {
    return this.info;
  }
}
