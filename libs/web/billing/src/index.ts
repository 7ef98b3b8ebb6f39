import type { Routes } from '@angular/router';

export const billingRoutes: Routes = [
  { path: '', loadComponent: () => import('./lib/billing-page').then((m) => m.BillingPage) },
];
