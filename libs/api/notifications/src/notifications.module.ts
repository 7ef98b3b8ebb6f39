import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { NotificationPreference } from './entities/notification-preference.entity';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsController } from './notifications.controller';

/** The preferences service alone, for the account code that seeds them and the mail worker that obeys them. */
@Module({
  imports: [MikroOrmModule.forFeature([NotificationPreference])],
  providers: [NotificationPreferencesService],
  exports: [NotificationPreferencesService],
})
export class NotificationPreferencesModule {}

/** The HTTP side: the settings section and the unsubscribe links. */
@Module({ imports: [NotificationPreferencesModule], controllers: [NotificationsController] })
export class NotificationsModule {}
