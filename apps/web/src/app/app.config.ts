import { provideHttpClient, withFetch, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import {
  SessionStore,
  humanCheckInterceptor,
  provideReauthDialog,
  reauthInterceptor,
  refreshOn401Interceptor,
} from '@huntkit/web/session';
import { appRoutes } from './app.routes';
import { HuntkitTitleStrategy } from './title-strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top', anchorScrolling: 'enabled' }),
    ),
    // The API shares the SPA's origin (/api), so cookies stay first-party and XSRF headers are sent.
    provideHttpClient(
      withFetch(),
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
      withInterceptors([humanCheckInterceptor, refreshOn401Interceptor, reauthInterceptor]),
    ),
    provideApiConfiguration(''),
    // "Confirm it's you", for the re-auth interceptor: lazy, as most sessions never see it.
    provideReauthDialog(() => import('@huntkit/web/auth').then((m) => m.ReauthDialog)),
    { provide: TitleStrategy, useClass: HuntkitTitleStrategy },
    // Knowing who is signed in before the first render keeps the navbar from flickering.
    provideAppInitializer(() => inject(SessionStore).load()),
  ],
};
