import { APP_CONFIG, type AppConfig, type SocialNetwork } from '@huntkit/api/core';
import { COPYRIGHT_LINE, PRODUCT_NAME } from '@huntkit/shared/brand';
import { Inject, Injectable } from '@nestjs/common';
import type { SiteInfoDto } from './dto/site-info.dto';

const NETWORK_LABELS: Record<SocialNetwork, string> = {
  github: 'GitHub',
  x: 'X',
  linkedin: 'LinkedIn',
  discord: 'Discord',
};

/** Public facts of this deployment; they come from configuration, so they are built once. */
@Injectable()
export class SiteService {
  private readonly info: SiteInfoDto;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const socialLinks = (Object.keys(NETWORK_LABELS) as SocialNetwork[]).flatMap((network) => {
      const url = config.social[network];
      return url ? [{ network, label: NETWORK_LABELS[network], url }] : [];
    });
    this.info = { name: PRODUCT_NAME, copyright: COPYRIGHT_LINE, socialLinks };
  }

  siteInfo(): SiteInfoDto {
    return this.info;
  }
}
