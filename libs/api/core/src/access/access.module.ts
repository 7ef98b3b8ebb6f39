import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessPolicyAudit } from './access-policy.audit';
import { AccessPolicyGuard } from './access-policy.guard';

/** Deny-by-default access control for the HTTP process: checked at boot and on every request. */
@Module({
  imports: [DiscoveryModule],
  providers: [{ provide: APP_GUARD, useClass: AccessPolicyGuard }, AccessPolicyAudit],
})
export class AccessModule {}
