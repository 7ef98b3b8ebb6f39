import {
  AccessModule,
  type AppConfig,
  CoreModule,
  IdempotencyModule,
  RateLimitModule,
} from '@huntkit/api/core';
import { AccountModule } from '@huntkit/api/account';
import { AdminModule } from '@huntkit/api/admin';
import { AuthModule } from '@huntkit/api/auth';
import { AuditModule } from '@huntkit/api/audit';
import { BillingModule } from '@huntkit/api/billing';
import { CreditsModule } from '@huntkit/api/credits';
import { DATABASE_SCHEMA } from '@huntkit/api/database';
import { HealthModule } from '@huntkit/api/health';
import { NotificationsModule } from '@huntkit/api/notifications';
import { SiteModule } from '@huntkit/api/site';
import { ToolsModule } from '@huntkit/api/tools';
import { WorkflowsModule } from '@huntkit/api/workflows';
import { type DynamicModule, Module } from '@nestjs/common';

/** The HTTP process: infrastructure plus every feature's controllers. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, DATABASE_SCHEMA, 'api'),
        RateLimitModule,
        // Global guards, in this order: rate limit, access policy, CSRF (the last two from auth).
        AccessModule.forRoot({ authentication: AuthModule }),
        // Replays the first answer to a retried `@Idempotent()` POST (the Idempotency-Key header).
        IdempotencyModule,
        AuthModule,
        AccountModule,
        CreditsModule,
        BillingModule,
        AuditModule,
        HealthModule,
        SiteModule,
        NotificationsModule,
        AdminModule,
        ToolsModule,
        WorkflowsModule,
      ],
    };
  }
}
