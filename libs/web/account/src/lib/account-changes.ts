import { Injectable, signal } from '@angular/core';
import { type MonoTypeOperatorFunction, tap } from 'rxjs';

/**
 * Counts the changes the Account page's sections make, so the security history on the same page
 * shows each one as soon as it is done, not at the next reload. Provided by the page.
 */
@Injectable()
export class AccountChanges {
  private readonly count = signal(0);
  readonly version = this.count.asReadonly();

  /** Passes a change's answer through, and counts the change once it succeeded. */
  recorded<T>(): MonoTypeOperatorFunction<T> {
    return tap({ complete: () => this.count.update((count) => count + 1) });
  }

  changed(): void {
    this.count.update((count) => count + 1);
  }
}
