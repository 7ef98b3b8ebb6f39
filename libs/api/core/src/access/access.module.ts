import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessPolicyAudit } from './access-policy.audit';
import { AccessPolicyGuard } from './access-policy.guard';
import { CSRF_GUARD } from './access-policy';

export interface AccessOptions {
  /**
   * The module exporting `AUTHENTICATOR` and `CSRF_GUARD` (the auth feature). Imported here rather than
   * made global, so the guards below resolve them and nothing else sees them by accident.
   */
  authentication: Type | DynamicModule;
}

/**
 * Deny-by-default access control for the HTTP process: checked at boot and on every request. The
 * global guards run in the order listed (after the rate limit): who may call the route, then whether
 * a state-changing request was forged by another site.
 */
@Module({})
export class AccessModule {
  static forRoot({ authentication }: AccessOptions): DynamicModule {
    return {
      module: AccessModule,
      imports: [DiscoveryModule, authentication],
      providers: [
        { provide: APP_GUARD, useClass: AccessPolicyGuard },
        { provide: APP_GUARD, useExisting: CSRF_GUARD },
        AccessPolicyAudit,
      ],
    };
  }
}
