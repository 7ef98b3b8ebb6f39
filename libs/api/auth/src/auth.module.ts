import { AUTHENTICATOR } from '@huntkit/api/core';
import { SessionsModule } from '@huntkit/api/sessions';
import { UsersModule } from '@huntkit/api/users';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CsrfGuard } from './csrf.guard';
import { CsrfTokens } from './csrf-tokens';
import { LoginEvent } from './entities/login-event.entity';
import { SessionAuthenticator } from './session-authenticator';

/** Sign-in, sessions over cookies, CSRF. Global, so the access-policy guard can reach the authenticator. */
@Global()
@Module({
  imports: [UsersModule, SessionsModule.forRoot(), MikroOrmModule.forFeature([LoginEvent])],
  controllers: [AuthController],
  providers: [
    AuthService,
    AccessTokens,
    CsrfTokens,
    SessionAuthenticator,
    { provide: AUTHENTICATOR, useExisting: SessionAuthenticator },
    { provide: APP_GUARD, useClass: CsrfGuard },
  ],
  exports: [AUTHENTICATOR],
})
export class AuthModule {}
