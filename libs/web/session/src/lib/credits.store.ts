import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { type CreditBalanceDto, CreditsService } from '@huntkit/web/api-client';
import { SessionStore } from './session.store';

/** Under this many credits the app warns that the next runs may not fit. */
export const LOW_CREDITS = 3;

/** The signed-in user's credit balance, for the navbar and every page that spends credits. */
@Injectable({ providedIn: 'root' })
export class CreditsStore {
  private readonly credits = inject(CreditsService);
  private readonly session = inject(SessionStore);
  private readonly current = signal<CreditBalanceDto | null>(null);

  readonly balance = this.current.asReadonly();
  readonly total = computed(() => this.current()?.total ?? null);
  readonly low = computed(() => {
    const total = this.total();
    return total !== null && total < LOW_CREDITS;
  });

  constructor() {
    // Loads on sign-in, forgets on sign-out.
    effect(() => {
      const userId = this.session.user()?.id;
      untracked(() => (userId ? this.refresh() : this.current.set(null)));
    });
  }

  /** Asks the API again (after a purchase, a run, a return from Checkout). */
  refresh(): void {
    this.credits.getCreditBalance().subscribe({
      next: (balance) => this.current.set(balance),
      error: () => this.current.set(null),
    });
  }
}
