import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { type DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_POLICY, type AccessPolicy, type ApiTokenScope, TOKEN_SCOPE } from './access-policy';

/** What one route handler declares about who may call it, as the access guard reads it. */
export interface RouteAccess {
  /** `Controller.method`, for messages. */
  route: string;
  /** The handler's name: the operation id in the OpenAPI spec. */
  handler: string;
  policy: AccessPolicy | undefined;
  tokenScope: ApiTokenScope | undefined;
}

/**
 * Every route handler of the application with its declared policy. Read from the controllers'
 * prototypes (not their instances), so it also works on an app built in preview mode, as the OpenAPI
 * spec is. The guard, the boot audit and the spec all read the same metadata the same way.
 */
export function listRouteAccess(discovery: DiscoveryService): RouteAccess[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  return discovery.getControllers().flatMap((wrapper) => {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
    if (!controller) return [];
    const prototype = controller.prototype as Record<string, unknown>;
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const isRoute =
        Reflect.getMetadata(PATH_METADATA, handler) !== undefined &&
        Reflect.getMetadata(METHOD_METADATA, handler) !== undefined;
      if (!isRoute) return [];
      const targets = [handler, controller];
      return [
        {
          route: `${controller.name}.${name}`,
          handler: name,
          policy: reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, targets),
          tokenScope: reflector.getAllAndOverride<ApiTokenScope | undefined>(TOKEN_SCOPE, targets),
        },
      ];
    });
  });
}
