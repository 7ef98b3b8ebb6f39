import type { Routes } from '@angular/router';
import { legalRoutes } from '@huntkit/web/legal';
import { signedInGuard } from '@huntkit/web/session';

/** Every feature is lazy: the landing page ships without the code of the pages behind it. */
export const appRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('@huntkit/web/landing').then((m) => m.LandingPage),
  },
  {
    path: 'tools',
    title: 'Tools',
    loadChildren: () => import('@huntkit/web/tools').then((m) => m.toolsRoutes),
  },
  {
    path: 'runs',
    title: 'Runs',
    canActivate: [signedInGuard],
    loadChildren: () => import('@huntkit/web/tools').then((m) => m.runsRoutes),
  },
  {
    path: 'billing',
    title: 'Billing & plan',
    canActivate: [signedInGuard],
    loadChildren: () => import('@huntkit/web/billing').then((m) => m.billingRoutes),
  },
  {
    path: 'account',
    title: 'Account settings',
    canActivate: [signedInGuard],
    loadChildren: () => import('@huntkit/web/account').then((m) => m.accountRoutes),
  },
  // Account pages (sign-in, verify-email…) sit at the top level, so their links stay short.
  { path: '', loadChildren: () => import('@huntkit/web/auth').then((m) => m.authRoutes) },
  // Legal routes are a few lines; their page component is lazy inside them. The footer needs their links.
  { path: 'legal', children: legalRoutes },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
