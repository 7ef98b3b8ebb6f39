import type { Resource } from '@angular/core';

/**
 * A resource's value, or undefined while it has none. `value()` throws once a load has failed, and
 * content projected into AsyncContent is evaluated even while the error shows.
 */
export function loaded<T>(resource: Resource<T>): T | undefined {
  return resource.hasValue() ? resource.value() : undefined;
}
