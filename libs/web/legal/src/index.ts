import type { Routes } from '@angular/router';
import { LEGAL_LINKS } from './lib/legal-links';

export * from './lib/legal-links';

export const legalRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'terms' },
  ...LEGAL_LINKS.map((link) => ({
    path: link.slug,
    title: link.title,
    data: { slug: link.slug },
    loadComponent: () => import('./lib/legal-page').then((m) => m.LegalPage),
  })),
];
