import type { HttpInterceptorFn } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';

/** The header the API reads the Turnstile token from. */
export const HUMAN_CHECK_HEADER = 'X-Turnstile-Token';

/** Requests the API guards with the human check (sign-in only after failures, but sending it costs nothing). */
const GUARDED = /\/api\/auth\/(register|login|forgot-password|resend-verification)$/;

/**
 * The latest Turnstile token the widget produced. Tokens are single-use: the interceptor takes it
 * for one guarded request, and the widget, seeing it gone, asks Cloudflare for a fresh one.
 */
@Injectable({ providedIn: 'root' })
export class HumanCheckToken {
  private readonly current = signal<string | null>(null);
  /** Bumped every time a token is spent, so the widget knows to reset. */
  readonly spent = signal(0);
  readonly value = this.current.asReadonly();

  set(token: string | null): void {
    this.current.set(token);
  }

  take(): string | null {
    const token = this.current();
    if (token) {
      this.current.set(null);
      this.spent.update((count) => count + 1);
    }
    return token;
  }
}

export const humanCheckInterceptor: HttpInterceptorFn = (request, next) => {
  if (request.method !== 'POST' || !GUARDED.test(request.url.split('?')[0] ?? '')) return next(request);
  const token = inject(HumanCheckToken).take();
  return next(token ? request.clone({ setHeaders: { [HUMAN_CHECK_HEADER]: token } }) : request);
};
