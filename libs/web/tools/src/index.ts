import type { Routes } from '@angular/router';

/** `/tools`: the catalog, and one page per tool to configure and launch it (open to visitors). */
export const toolsRoutes: Routes = [
  { path: '', loadComponent: () => import('./lib/tools-page').then((m) => m.ToolsPage) },
  {
    path: ':toolId',
    loadComponent: () => import('./lib/launch/tool-launch-page').then((m) => m.ToolLaunchPage),
  },
];

/** `/runs`: the signed-in user's history and each run's page (the app route guards both). */
export const runsRoutes: Routes = [
  { path: '', loadComponent: () => import('./lib/history/runs-page').then((m) => m.RunsPage) },
  { path: ':runId', loadComponent: () => import('./lib/run/run-page').then((m) => m.RunPage) },
];
