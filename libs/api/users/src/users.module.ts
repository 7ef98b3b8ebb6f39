import { NotificationPreferencesModule } from '@huntkit/api/notifications';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { User } from './entities/user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [MikroOrmModule.forFeature([User]), NotificationPreferencesModule],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
