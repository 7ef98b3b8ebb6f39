import { DestroyRef, inject, signal } from '@angular/core';
import type { AuthService } from '@huntkit/web/api-client';
import { problemDetail } from '@huntkit/web/session';

/** The API sends at most one verification mail a minute per address; the button waits as long. */
export const RESEND_COOLDOWN_SECONDS = 60;

/**
 * "Send the link again" with a visible countdown, so nobody hammers a button that cannot help yet.
 * Create it in a component's field initialiser (it ties its timer to the component's life).
 */
export class ResendCooldown {
  readonly secondsLeft = signal(0);
  readonly sending = signal(false);
  readonly message = signal<string | null>(null);
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly auth: AuthService) {
    inject(DestroyRef).onDestroy(() => clearInterval(this.timer));
  }

  startCooldown(): void {
    clearInterval(this.timer);
    this.secondsLeft.set(RESEND_COOLDOWN_SECONDS);
    this.timer = setInterval(() => {
      this.secondsLeft.update((left) => Math.max(0, left - 1));
      if (this.secondsLeft() === 0) clearInterval(this.timer);
    }, 1000);
  }

  send(email: string): void {
    if (this.sending() || this.secondsLeft() > 0) return;
    this.sending.set(true);
    this.message.set(null);
    this.auth.resendVerification({ body: { email } }).subscribe({
      next: () => {
        this.sending.set(false);
        this.message.set('Sent again. It can take a minute to arrive; check your spam folder too.');
        this.startCooldown();
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.message.set(problemDetail(error));
      },
    });
  }
}
