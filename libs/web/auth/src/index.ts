import type { Routes } from '@angular/router';

export const authRoutes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in',
    loadComponent: () => import('./lib/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'verify-email',
    title: 'Confirm your email',
    loadComponent: () => import('./lib/verify-email-page').then((m) => m.VerifyEmailPage),
  },
];
