import type { Routes } from '@angular/router';

/** Every feature is lazy: the landing page ships without the code of the pages behind it. */
export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', loadComponent: () => import('@huntkit/web/landing').then((m) => m.LandingPage) },
  { path: 'tools', title: 'Tools', loadChildren: () => import('@huntkit/web/tools').then((m) => m.toolsRoutes) },
  { path: 'sign-in', title: 'Sign in', loadChildren: () => import('@huntkit/web/auth').then((m) => m.authRoutes) },
  { path: 'legal', loadChildren: () => import('@huntkit/web/legal').then((m) => m.legalRoutes) },
  { path: '**', title: 'Page not found', loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage) },
];
