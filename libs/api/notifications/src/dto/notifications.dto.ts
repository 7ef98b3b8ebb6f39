import { Omittable } from '@huntkit/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from '../notification-categories';

export class NotificationCategoryDto {
  @ApiProperty({ enum: [...NOTIFICATION_CATEGORIES, 'security'] })
  category!: NotificationCategory | 'security';

  @ApiProperty({ example: 'Finished runs' })
  label!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ description: 'True for security alerts, which are always sent.' })
  required!: boolean;
}

export class NotificationSettingsDto {
  @ApiProperty({ type: [NotificationCategoryDto] })
  categories!: NotificationCategoryDto[];
}

/** One optional field per category; only the fields sent change. */
export class UpdateNotificationSettingsDto implements Partial<Record<NotificationCategory, boolean>> {
  @ApiPropertyOptional() @Omittable() @IsBoolean() run_finished?: boolean;
  @ApiPropertyOptional() @Omittable() @IsBoolean() low_credits?: boolean;
  @ApiPropertyOptional() @Omittable() @IsBoolean() billing?: boolean;
  @ApiPropertyOptional() @Omittable() @IsBoolean() blog_digest?: boolean;
  @ApiPropertyOptional() @Omittable() @IsBoolean() product_news?: boolean;
}

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'The signed token from the mail link.' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

export class UnsubscribeStateDto {
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES })
  category!: NotificationCategory;

  @ApiProperty({ example: 'Finished runs' })
  label!: string;

  @ApiProperty({ description: 'Whether mail of this category is sent now.' })
  enabled!: boolean;
}
