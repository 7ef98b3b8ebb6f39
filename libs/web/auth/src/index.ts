import type { Routes } from '@angular/router';

export const authRoutes: Routes = [
  { path: '', loadComponent: () => import('./lib/sign-in-page').then((m) => m.SignInPage) },
];
