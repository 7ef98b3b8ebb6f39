import {
  HttpContextToken,
  HttpErrorResponse,
  type HttpEvent,
  type HttpHandlerFn,
  type HttpInterceptorFn,
  type HttpRequest,
} from '@angular/common/http';
import { inject, Injectable, InjectionToken, type Provider, type Type } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import {
  catchError,
  defer,
  finalize,
  map,
  type Observable,
  of,
  shareReplay,
  switchMap,
  tap,
  throwError,
} from 'rxjs';
import { problemCode } from './problem';

/** The API's answer to a sensitive action when this session last proved who it is too long ago. */
export const REAUTHENTICATION_REQUIRED = 'reauthentication_required';

export const isReauthenticationRequired = (error: unknown): boolean =>
  error instanceof HttpErrorResponse &&
  error.status === 403 &&
  problemCode(error) === REAUTHENTICATION_REQUIRED;

/**
 * Loads the "Confirm it's you" dialog, a component that closes with `true` once the API has opened the
 * re-auth window. The dialog is a feature (web-auth) and data access may not import features, so the
 * app hands the loader in; it loads on first use, as most sessions never see the dialog.
 */
export type ReauthDialogLoader = () => Promise<Type<unknown>>;

const REAUTH_DIALOG = new InjectionToken<ReauthDialogLoader>('ReauthDialogLoader');

/** `provideReauthDialog(() => import('@huntkit/web/auth').then((m) => m.ReauthDialog))` in the app's config. */
export function provideReauthDialog(load: ReauthDialogLoader): Provider {
  return { provide: REAUTH_DIALOG, useValue: load };
}

/** Marks a request as already sent again after a re-authentication, so a second 403 is final. */
const RETRIED_AFTER_REAUTH = new HttpContextToken<boolean>(() => false);

/**
 * Asks "Confirm it's you" once for everyone who needs it: however many requests are refused at the
 * same moment, one dialog opens and they all wait for its outcome.
 */
@Injectable({ providedIn: 'root' })
export class Reauthenticator {
  private readonly dialog = inject(MatDialog);
  private readonly loadDialog = inject(REAUTH_DIALOG, { optional: true });
  private pending: Observable<boolean> | null = null;
  /** When the last confirmation succeeded: requests sent before it were refused for the old window. */
  private confirmedAt = Number.NEGATIVE_INFINITY;

  /**
   * Emits true once the person has confirmed it is them, false when they cancelled. A request sent
   * before the latest confirmation was refused for the window that confirmation has since opened, so it
   * goes again without asking twice.
   */
  confirm(requestSentAt: number): Observable<boolean> {
    if (requestSentAt < this.confirmedAt) return of(true);
    this.pending ??= defer(() => this.openDialog()).pipe(
      switchMap((dialog) =>
        this.dialog.open(dialog, { width: '28rem', maxWidth: 'calc(100vw - 2rem)' }).afterClosed(),
      ),
      map((confirmed) => confirmed === true),
      // Without the dialog (its chunk failed to load, or none provided) nobody can confirm: as good as cancelled.
      catchError(() => of(false)),
      tap((confirmed) => {
        if (confirmed) this.confirmedAt = Date.now();
      }),
      finalize(() => (this.pending = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.pending;
  }

  private openDialog(): Promise<Type<unknown>> {
    if (!this.loadDialog) return Promise.reject(new Error('No "Confirm it\'s you" dialog was provided.'));
    return this.loadDialog();
  }
}

/**
 * On a 403 `reauthentication_required`, asks the person to confirm it is them and sends the request
 * once more; if they cancel, the request fails with the API's original answer.
 */
export const reauthInterceptor: HttpInterceptorFn = (
  request: HttpRequest<unknown>,
  next: HttpHandlerFn,
): Observable<HttpEvent<unknown>> => {
  const reauthenticator = inject(Reauthenticator);
  const sentAt = Date.now();
  return next(request).pipe(
    catchError((error: unknown) => {
      if (!isReauthenticationRequired(error) || request.context.get(RETRIED_AFTER_REAUTH))
        return throwError(() => error);
      return reauthenticator
        .confirm(sentAt)
        .pipe(
          switchMap((confirmed) =>
            confirmed
              ? next(request.clone({ context: request.context.set(RETRIED_AFTER_REAUTH, true) }))
              : throwError(() => error),
          ),
        );
    }),
  );
};
