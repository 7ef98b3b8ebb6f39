import { computed, inject, Injectable, signal } from '@angular/core';
import {
  AuthService,
  type MeDto,
  type SecondFactorDto,
  type SignInChallengeDto,
  type SignInResultDto,
} from '@huntkit/web/api-client';
import { catchError, firstValueFrom, map, type Observable, of, switchMap, tap } from 'rxjs';
import { SessionRefresher } from './session-refresher';

/** The authenticator app's code or one of the backup codes (the second-factor field's `proof()`). */
export type SecondFactorAnswer = Omit<SecondFactorDto, 'challengeId'>;

/** Where a sign-in stands: done, or waiting for a code from the account's authenticator app. */
export type SignInStep =
  | { status: 'signed_in'; user: MeDto }
  | { status: 'second_factor_required'; challenge: SignInChallengeDto };

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

  /** The account changed (profile saved, address confirmed): show the API's new copy everywhere. */
  replaceUser(me: MeDto): void {
    this.current.set(me);
  }

  /** The API said the session has ended (a refresh failed): show the app signed out. */
  markSignedOut(): void {
    this.current.set(null);
  }

  /** The password step; an account with two-factor authentication is signed in only by the next step. */
  signIn(email: string, password: string): Observable<SignInStep> {
    return this.auth.login({ body: { email, password } }).pipe(map((result) => this.adopt(result)));
  }

  /** Answers the challenge of the password step with an authenticator code or a backup code. */
  completeSecondFactor(challengeId: string, proof: SecondFactorAnswer): Observable<SignInStep> {
    return this.auth
      .completeSecondFactor({ body: { challengeId, ...proof } })
      .pipe(map((result) => this.adopt(result)));
  }

  /** A Google One Tap credential, with the g_csrf_token cookie Google's script set (its double-submit). */
  signInWithOneTap(credential: string, csrfToken: string): Observable<SignInStep> {
    return this.auth
      .signInWithOneTap({ body: { credential, g_csrf_token: csrfToken } })
      .pipe(map((result) => this.adopt(result)));
  }

  /** Redeems a verification link; a valid one signs the new account in. */
  verifyEmail(token: string): Observable<SignInStep> {
    return this.auth.verifyEmail({ body: { token } }).pipe(map((result) => this.adopt(result)));
  }

  /** Signed out locally even if the API cannot be told (the cookies are then cleared on its next answer). */
  signOut(): Observable<void> {
    return this.auth.logout().pipe(
      catchError(() => of(undefined)),
      tap(() => this.current.set(null)),
      map(() => undefined),
    );
  }

  /** Every sign-in answer goes through here, so the app is signed in the same way whichever step ends it. */
  private adopt(result: SignInResultDto): SignInStep {
    if (result.status === 'second_factor_required' && result.challenge)
      return { status: 'second_factor_required', challenge: result.challenge };
    if (!result.user) throw new Error('The API answered a sign-in without its user.');
    this.current.set(result.user);
    return { status: 'signed_in', user: result.user };
  }
}
