import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import {
  DEFAULT_SESSION_POLICY,
  SESSION_POLICY,
  type SessionPolicy,
  SessionsService,
} from './sessions.service';

@Module({})
export class SessionsModule {
  static forRoot(policy: Partial<SessionPolicy> = {}): DynamicModule {
    return {
      module: SessionsModule,
      imports: [MikroOrmModule.forFeature([Session, RefreshToken])],
      providers: [
        SessionsService,
        { provide: SESSION_POLICY, useValue: { ...DEFAULT_SESSION_POLICY, ...policy } },
      ],
      exports: [SessionsService],
    };
  }
}
