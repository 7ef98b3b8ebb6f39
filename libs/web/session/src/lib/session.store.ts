import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { AuthService, type MeDto } from '@huntkit/web/api-client';
import { catchError, firstValueFrom, map, type Observable, of, tap } from 'rxjs';

/** The problem+json detail of a failed call, for showing to the person who made it. */
export function problemDetail(
  error: unknown,
  fallback = 'Something went wrong. Try again in a moment.',
): string {
  if (error instanceof HttpErrorResponse) {
    const detail = (error.error as { detail?: unknown } | null)?.detail;
    if (typeof detail === 'string') return detail;
    if (error.status === 0) return 'The server cannot be reached. Check your connection and try again.';
  }
  return fallback;
}

/** Who is signed in, as the whole app sees it. `undefined` until the first answer from the API. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly auth = inject(AuthService);
  private readonly current = signal<MeDto | null | undefined>(undefined);

  readonly user = this.current.asReadonly();
  readonly signedIn = computed(() => !!this.current());
  readonly isAdmin = computed(
    () => this.current()?.roles.some((role) => role === 'admin' || role === 'superadmin') ?? false,
  );

  /** Asks the API once at start-up; no session (or no API) means signed out. */
  load(): Promise<void> {
    return firstValueFrom(
      this.auth.getSessionState().pipe(
        map((state): MeDto | null => state.user ?? null),
        catchError(() => of(null)),
        tap((me) => this.current.set(me)),
        map(() => undefined),
      ),
    );
  }

  signIn(email: string, password: string): Observable<MeDto | null> {
    return this.auth.login({ body: { email, password } }).pipe(
      map((result) => (result.status === 'signed_in' ? (result.user ?? null) : null)),
      tap((me) => this.current.set(me)),
    );
  }

  /** Redeems a verification link; a valid one signs the new account in. */
  verifyEmail(token: string): Observable<MeDto | null> {
    return this.auth.verifyEmail({ body: { token } }).pipe(
      map((result) => (result.status === 'signed_in' ? (result.user ?? null) : null)),
      tap((me) => this.current.set(me)),
    );
  }

  /** Signed out locally even if the API cannot be told (the cookies are then cleared on its next answer). */
  signOut(): Observable<void> {
    return this.auth.logout().pipe(
      catchError(() => of(undefined)),
      tap(() => this.current.set(null)),
      map(() => undefined),
    );
  }
}
