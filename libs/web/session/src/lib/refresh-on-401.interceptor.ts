import {
  HttpContextToken,
  HttpErrorResponse,
  type HttpEvent,
  type HttpHandlerFn,
  type HttpInterceptorFn,
  type HttpRequest,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, type Observable, switchMap, throwError } from 'rxjs';
import { SessionRefresher } from './session-refresher';
import { SessionStore } from './session.store';

/** Marks a request as already retried after a refresh, so a second 401 is final. */
const RETRIED_AFTER_REFRESH = new HttpContextToken<boolean>(() => false);

/** The sign-in endpoints answer 401 for their own reasons (wrong password, ended session). */
const isAuthEndpoint = (url: string) => /\/api\/auth\//.test(url);

/**
 * On a 401 from the API, renews the session once (shared by every request failing at that moment)
 * and replays the request; when the session cannot be renewed, the app learns it is signed out.
 */
export const refreshOn401Interceptor: HttpInterceptorFn = (
  request: HttpRequest<unknown>,
  next: HttpHandlerFn,
): Observable<HttpEvent<unknown>> => {
  const refresher = inject(SessionRefresher);
  const session = inject(SessionStore);
  return next(request).pipe(
    catchError((error: unknown) => {
      const retryable =
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !isAuthEndpoint(request.url) &&
        !request.context.get(RETRIED_AFTER_REFRESH);
      if (!retryable) return throwError(() => error);
      return refresher.refresh().pipe(
        switchMap((renewed) => {
          if (!renewed) {
            session.markSignedOut();
            return throwError(() => error);
          }
          return next(request.clone({ context: request.context.set(RETRIED_AFTER_REFRESH, true) }));
        }),
      );
    }),
  );
};
