import { Public } from '@huntkit/api/core';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SiteInfoDto } from './dto/site-info.dto';
import { SiteService } from './site.service';

@ApiTags('Site')
@Public()
@Controller('site')
export class SiteController {
  constructor(private readonly site: SiteService) {}

  @Get()
  @ApiOperation({
    summary: 'Public facts about this deployment the site shell shows (footer links, copyright)',
  })
  @ApiOkResponse({ type: SiteInfoDto })
  getSiteInfo(): SiteInfoDto {
    return this.site.siteInfo();
  }
}
