import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { listRouteAccess } from './route-access';

/** Every route handler of the application that declares no access policy, as `Controller.method`. */
export function routesWithoutPolicy(discovery: DiscoveryService): string[] {
  return listRouteAccess(discovery)
    .filter((route) => !route.policy)
    .map((route) => route.route);
}

/** Refuses to start an API in which any route forgot to say who may call it. */
@Injectable()
export class AccessPolicyAudit implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const missing = routesWithoutPolicy(this.discovery);
    if (missing.length > 0) {
      throw new Error(
        `Every route needs @Public(), @SignedIn() or @RequireRoles(...); these have none: ${missing.join(', ')}`,
      );
    }
  }
}
