import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { adminGuard, guestOnlyGuard, signedInGuard } from './session.guards';
import { SessionStore } from './session.store';

@Component({ template: '' })
class Blank {}

async function appAs(roles: string[] | null): Promise<Router> {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideApiConfiguration(''),
      provideRouter([
        { path: 'settings', canActivate: [signedInGuard], component: Blank },
        { path: 'admin', canMatch: [adminGuard], component: Blank },
        { path: 'sign-in', canActivate: [guestOnlyGuard], component: Blank },
        { path: 'tools', component: Blank },
        { path: '**', component: Blank, title: 'not found' },
      ]),
    ],
  });
  const loaded = TestBed.inject(SessionStore).load();
  const user = roles && {
    id: 'u',
    email: 'a@b.c',
    displayName: 'A',
    roles,
    timeZone: 'UTC',
    verified: true,
    createdAt: '',
  };
  TestBed.inject(HttpTestingController).expectOne('/api/auth/session').flush({ user, refreshable: false });
  await loaded;
  return TestBed.inject(Router);
}

describe('route guards', () => {
  it('sends a visitor to sign in, remembering where they were going', async () => {
    const router = await appAs(null);
    await router.navigateByUrl('/settings?tab=tokens');
    expect(router.url).toBe('/sign-in?returnUrl=%2Fsettings%3Ftab%3Dtokens');
  });

  it('lets a signed-in user in, and keeps them off the sign-in page', async () => {
    const router = await appAs(['user']);
    await router.navigateByUrl('/settings');
    expect(router.url).toBe('/settings');
    await router.navigateByUrl('/sign-in');
    expect(router.url).toBe('/tools');
  });

  it('does not match admin pages for other accounts, and does for admins', async () => {
    const user = await appAs(['user']);
    await user.navigateByUrl('/admin');
    expect(user.routerState.snapshot.root.firstChild?.routeConfig?.path).toBe('**');
    TestBed.resetTestingModule();
    const admin = await appAs(['admin']);
    await admin.navigateByUrl('/admin');
    expect(admin.routerState.snapshot.root.firstChild?.routeConfig?.path).toBe('admin');
  });
});
