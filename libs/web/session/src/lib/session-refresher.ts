import { Injectable, inject } from '@angular/core';
import { AuthService } from '@huntkit/web/api-client';
import { catchError, finalize, map, type Observable, of, shareReplay, switchMap } from 'rxjs';

/**
 * Renews the session cookies once for everyone who needs it: however many requests hit a lapsed
 * access token at the same moment, one refresh goes out and they all wait for its answer. (Several
 * refreshes with the same token would look like a replay to the API and could end the session.)
 */
@Injectable({ providedIn: 'root' })
export class SessionRefresher {
  private readonly auth = inject(AuthService);
  private inFlight: Observable<boolean> | null = null;

  /** Emits true when the session was renewed, false when it has ended. Never errors. */
  refresh(): Observable<boolean> {
    this.inFlight ??= this.auth.getCsrfToken().pipe(
      // A fresh CSRF token first: the XSRF-TOKEN cookie lives only as long as the browser session,
      // while the refresh cookie outlives it.
      switchMap(() => this.auth.refresh()),
      map(() => true),
      catchError(() => of(false)),
      finalize(() => (this.inFlight = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.inFlight;
  }
}
