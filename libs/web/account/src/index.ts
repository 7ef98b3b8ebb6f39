import type { Routes } from '@angular/router';

export const accountRoutes: Routes = [
  { path: '', loadComponent: () => import('./lib/account-page').then((m) => m.AccountPage) },
];
