import { inject } from '@angular/core';
import { type CanActivateFn, type CanMatchFn, Router } from '@angular/router';
import { SessionStore } from './session.store';

/** Signed-in areas: a visitor is sent to sign in, and brought back to the page they asked for. */
export const signedInGuard: CanActivateFn = (_route, state) =>
  inject(SessionStore).signedIn() ||
  inject(Router).createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });

/**
 * Admin areas do not even match for other accounts, so the router falls through to "page not found"
 * rather than confirming that an admin page exists at that address.
 */
export const adminGuard: CanMatchFn = () => inject(SessionStore).isAdmin();

/** Sign-in and sign-up pages: someone already signed in goes straight to the tools. */
export const guestOnlyGuard: CanActivateFn = () =>
  !inject(SessionStore).signedIn() || inject(Router).createUrlTree(['/tools']);
