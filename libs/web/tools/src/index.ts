import type { Routes } from '@angular/router';

export const toolsRoutes: Routes = [
  { path: '', loadComponent: () => import('./lib/tools-page').then((m) => m.ToolsPage) },
];
