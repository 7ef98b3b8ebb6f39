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
];
