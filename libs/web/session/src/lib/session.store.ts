import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { AuthService, type MeDto } from '@huntkit/web/api-client';
import { catchError, firstValueFrom, map, type Observable, of, switchMap, tap } from 'rxjs';
import { SessionRefresher } from './session-refresher';

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

/** The per-field messages of a 422 problem, keyed by field name (empty for any other error). */
export function problemFieldErrors(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (error instanceof HttpErrorResponse && error.status === 422) {
    const errors = (error.error as { errors?: { field?: unknown; detail?: unknown }[] } | null)?.errors;
    for (const entry of errors ?? []) {
      if (typeof entry.field === 'string' && typeof entry.detail === 'string') {
        fields[entry.field] ??= entry.detail;
      }
    }
  }
  return fields;
}

/** One line for a form's alert: the first field's message of a 422, or else the problem's detail. */
export function problemSummary(error: unknown): string {
  return Object.values(problemFieldErrors(error))[0] ?? problemDetail(error);
}

/** Who is signed in, as the whole app sees it. `undefined` until the first answer from the API. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly auth = inject(AuthService);
  private readonly refresher = inject(SessionRefresher);
  private readonly current = signal<MeDto | null | undefined>(undefined);

  readonly user = this.current.asReadonly();
  readonly signedIn = computed(() => !!this.current());
  /** One or two letters for the avatar, from the display name. */
  readonly initials = computed(() =>
    (this.current()?.displayName ?? '?')
      .split(/\s+/)
      .map((part) => [...part][0] ?? '')
      .join('')
      .slice(0, 2)
      .toUpperCase(),
  );
  readonly isAdmin = computed(
    () => this.current()?.roles.some((role) => role === 'admin' || role === 'superadmin') ?? false,
  );

  /**
   * Asks the API once at start-up; no session (or no API) means signed out. A returning visitor whose
   * short-lived access cookie lapsed is renewed first, so they stay signed in.
   */
  load(): Promise<void> {
    const state = () => this.auth.getSessionState();
    return firstValueFrom(
      state().pipe(
        switchMap((first) =>
          !first.user && first.refreshable
            ? this.refresher.refresh().pipe(switchMap((renewed) => (renewed ? state() : of(first))))
            : of(first),
        ),
        map((answer): MeDto | null => answer.user ?? null),
        catchError(() => of(null)),
        tap((me) => this.current.set(me)),
        map(() => undefined),
      ),
    );
  }

  /** The API said the session has ended (a refresh failed): show the app signed out. */
  markSignedOut(): void {
    this.current.set(null);
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
