import type { Routes } from '@angular/router';
import { guestOnlyGuard } from '@huntkit/web/session';

export { ReauthDialog } from './lib/reauth-dialog';

export const authRoutes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in',
    canActivate: [guestOnlyGuard],
    loadComponent: () => import('./lib/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'sign-up',
    title: 'Create your account',
    canActivate: [guestOnlyGuard],
    loadComponent: () => import('./lib/sign-up-page').then((m) => m.SignUpPage),
  },
  {
    path: 'verify-email',
    title: 'Confirm your email',
    loadComponent: () => import('./lib/verify-email-page').then((m) => m.VerifyEmailPage),
  },
  {
    path: 'forgot-password',
    title: 'Forgot password',
    loadComponent: () => import('./lib/forgot-password-page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password',
    loadComponent: () => import('./lib/reset-password-page').then((m) => m.ResetPasswordPage),
  },
  // Pages behind links in mails: they work whoever is signed in, or nobody.
  {
    path: 'unsubscribe',
    title: 'Unsubscribe',
    loadComponent: () => import('./lib/unsubscribe-page').then((m) => m.UnsubscribePage),
  },
  {
    path: 'email-change/confirm',
    title: 'Confirm your new email',
    loadComponent: () => import('./lib/email-change-confirm-page').then((m) => m.EmailChangeConfirmPage),
  },
  {
    path: 'email-change/report',
    title: 'Stop an email change',
    loadComponent: () => import('./lib/email-change-report-page').then((m) => m.EmailChangeReportPage),
  },
];
