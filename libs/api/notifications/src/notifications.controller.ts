import { ApiProblems, Public, SignedIn, type SignedInRequest } from '@huntkit/api/core';
import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NotificationSettingsDto,
  UnsubscribeQueryDto,
  UnsubscribeStateDto,
  UpdateNotificationSettingsDto,
} from './dto/notifications.dto';
import {
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CATEGORY_INFO,
  type NotificationSettings,
} from './notification-categories';
import { NotificationPreferencesService } from './notification-preferences.service';

const SECURITY_ALERTS = {
  category: 'security',
  label: 'Security alerts',
  description: 'New sign-ins, password, email and two-factor changes. Always on.',
  enabled: true,
  required: true,
} as const;

function toSettingsDto(settings: NotificationSettings): NotificationSettingsDto {
  return {
    categories: [
      SECURITY_ALERTS,
      ...NOTIFICATION_CATEGORIES.map((category) => ({
        category,
        label: NOTIFICATION_CATEGORY_INFO[category].label,
        description: NOTIFICATION_CATEGORY_INFO[category].description,
        enabled: settings[category],
        required: false,
      })),
    ],
  };
}

function toStateDto({
  category,
  enabled,
}: Pick<UnsubscribeStateDto, 'category' | 'enabled'>): UnsubscribeStateDto {
  return { category, enabled, label: NOTIFICATION_CATEGORY_INFO[category].label };
}

@ApiTags('Notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get('me/notifications')
  @SignedIn()
  @ApiOperation({ summary: 'Which mail you receive, per category (security alerts are always on)' })
  @ApiOkResponse({ type: NotificationSettingsDto })
  @ApiProblems(401)
  async getMyNotifications(@Req() request: SignedInRequest): Promise<NotificationSettingsDto> {
    return toSettingsDto(await this.preferences.settingsOf(request.user.id));
  }

  @Patch('me/notifications')
  @SignedIn()
  @ApiOperation({ summary: 'Turn mail categories on or off; only the categories sent change' })
  @ApiOkResponse({ type: NotificationSettingsDto })
  @ApiProblems(401, 422)
  async updateMyNotifications(
    @Req() request: SignedInRequest,
    @Body() body: UpdateNotificationSettingsDto,
  ): Promise<NotificationSettingsDto> {
    return toSettingsDto(await this.preferences.update(request.user.id, body));
  }

  @Get('notifications/unsubscribe')
  @Public()
  @ApiOperation({ summary: 'What an unsubscribe link is about, for the page that confirms it; no sign-in' })
  @ApiOkResponse({ type: UnsubscribeStateDto })
  @ApiProblems(400, 422)
  async inspectUnsubscribeLink(@Query() query: UnsubscribeQueryDto): Promise<UnsubscribeStateDto> {
    return toStateDto(await this.preferences.inspect(query.token));
  }

  @Post('notifications/unsubscribe')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058) from the category of a mail link; no sign-in',
    description:
      'Mail clients POST `List-Unsubscribe=One-Click` here from the `List-Unsubscribe` header; the body is not needed.',
  })
  @ApiOkResponse({ type: UnsubscribeStateDto })
  @ApiProblems(400, 422)
  async unsubscribe(@Query() query: UnsubscribeQueryDto): Promise<UnsubscribeStateDto> {
    return toStateDto(await this.preferences.setFromLink(query.token, false));
  }

  @Post('notifications/resubscribe')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Undo an unsubscribe from the same mail link; no sign-in' })
  @ApiOkResponse({ type: UnsubscribeStateDto })
  @ApiProblems(400, 422)
  async resubscribe(@Query() query: UnsubscribeQueryDto): Promise<UnsubscribeStateDto> {
    return toStateDto(await this.preferences.setFromLink(query.token, true));
  }
}
