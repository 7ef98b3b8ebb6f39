import { AuditWriterModule } from '@huntkit/api/audit';
import { UsersModule } from '@huntkit/api/users';
import { Module } from '@nestjs/common';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';

/** What admins do to accounts. Credits and Pro grants stay with their own features. */
@Module({
  imports: [UsersModule, AuditWriterModule],
  controllers: [AdminUsersController],
  providers: [AdminUsersService],
})
export class AdminModule {}
