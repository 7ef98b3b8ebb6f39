import { AuditWriterModule } from '@huntkit/api/audit';
import { MailModule } from '@huntkit/api/mail';
import { SessionsModule } from '@huntkit/api/sessions';
import { UsersModule } from '@huntkit/api/users';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { MfaBackupCode } from './entities/mfa-backup-code.entity';
import { MfaChallenge } from './entities/mfa-challenge.entity';
import { MfaFactor } from './entities/mfa-factor.entity';
import { MfaController } from './mfa.controller';
import { MfaService } from './mfa.service';

export const MFA_ENTITIES = [MfaFactor, MfaBackupCode, MfaChallenge];

/** Authenticator apps and backup codes; the sign-in flow (AuthModule) asks it for the second factor. */
@Module({
  imports: [
    AuditWriterModule,
    UsersModule,
    MailModule,
    SessionsModule.forRoot(),
    MikroOrmModule.forFeature(MFA_ENTITIES),
  ],
  controllers: [MfaController],
  providers: [MfaService],
  exports: [MfaService],
})
export class MfaModule {}
