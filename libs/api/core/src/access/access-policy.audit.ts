import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_POLICY } from './access-policy';

/** Every route handler of the application that declares no access policy, as `Controller.method`. */
export function routesWithoutPolicy(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): string[] {
  return discovery.getControllers().flatMap((wrapper) => {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
    if (!controller || !wrapper.instance) return [];
    const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
    return scanner
      .getAllMethodNames(prototype)
      .filter((name) => {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        const isRoute =
          Reflect.getMetadata(PATH_METADATA, handler) !== undefined &&
          Reflect.getMetadata(METHOD_METADATA, handler) !== undefined;
        return isRoute && !reflector.getAllAndOverride(ACCESS_POLICY, [handler, controller]);
      })
      .map((name) => `${controller.name}.${name}`);
  });
}

/** Refuses to start an API in which any route forgot to say who may call it. */
@Injectable()
export class AccessPolicyAudit implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing = routesWithoutPolicy(this.discovery, this.scanner, this.reflector);
    if (missing.length > 0) {
      throw new Error(
        `Every route needs @Public(), @SignedIn() or @RequireRoles(...); these have none: ${missing.join(', ')}`,
      );
    }
  }
}
