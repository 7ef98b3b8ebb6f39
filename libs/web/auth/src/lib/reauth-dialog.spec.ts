import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { ReauthDialog } from './reauth-dialog';

describe('ReauthDialog', () => {
  let backend: HttpTestingController;
  let result: boolean | undefined | 'open';

  async function openWithMfa(enabled: boolean): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        // jsdom plays no animations: without this, a dialog would wait for one that never ends.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    result = 'open';
    TestBed.inject(MatDialog)
      .open(ReauthDialog)
      .afterClosed()
      .subscribe((closedWith) => (result = closedWith));
    await stable();
    backend.expectOne('/api/me/mfa').flush({ enabled, enabledAt: null, backupCodesLeft: 0 });
    await stable();
  }

  const stable = () => TestBed.inject(ApplicationRef).whenStable();
  const dialog = () => document.querySelector('hk-reauth-dialog') as HTMLElement;
  const input = () => dialog().querySelector('input') as HTMLInputElement;
  const button = (name: string) =>
    Array.from(dialog().querySelectorAll('button')).find((b) => b.textContent?.trim() === name) as
      | HTMLButtonElement
      | undefined;
  async function type(value: string): Promise<void> {
    input().value = value;
    input().dispatchEvent(new Event('input'));
    await stable();
  }
  async function press(name: string): Promise<void> {
    button(name)?.click();
    await stable();
  }

  afterEach(() => {
    backend.verify();
    TestBed.inject(MatDialog).closeAll();
  });

  it('asks for the password only, when the account has no two-factor authentication', async () => {
    await openWithMfa(false);
    expect(dialog().textContent).toContain('Confirm it’s you');
    expect(dialog().querySelector('mat-button-toggle-group')).toBeNull();
    expect(input().getAttribute('autocomplete')).toBe('current-password');

    await press('Confirm');
    backend.expectNone('/api/auth/reauth');
    expect(dialog().textContent).toContain('Enter your password.');

    await type('plum tractor velvet 42');
    await press('Confirm');
    const reauth = backend.expectOne('/api/auth/reauth');
    expect(reauth.request.body).toEqual({ password: 'plum tractor velvet 42' });
    reauth.flush('', { status: 204, statusText: 'No Content' });
    await stable();
    expect(result).toBe(true);
  });

  it('says when the password did not match, and stays open for another try', async () => {
    await openWithMfa(false);
    await type('wrong');
    await press('Confirm');
    await press('Confirm'); // a double press sends one try: wrong ones count towards a lock-out
    backend
      .expectOne('/api/auth/reauth')
      .flush(JSON.stringify({ code: 'reauthentication_failed', detail: 'That did not match. Try again.' }), {
        status: 401,
        statusText: 'Unauthorized',
      });
    await stable();
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain('That did not match. Try again.');
    expect(result).toBe('open');

    await press('Cancel');
    expect(result).toBe(false);
  });

  it('takes a code from the authenticator app, or a backup code, when two-factor authentication is on', async () => {
    await openWithMfa(true);
    const appButton = Array.from(dialog().querySelectorAll('mat-button-toggle button')).find((b) =>
      b.textContent?.includes('Authenticator app'),
    ) as HTMLButtonElement;
    appButton.click();
    await stable();
    expect(input().getAttribute('autocomplete')).toBe('one-time-code');
    expect(input().getAttribute('inputmode')).toBe('numeric');

    await type('12345');
    await press('Confirm');
    backend.expectNone('/api/auth/reauth');
    expect(dialog().textContent).toContain('Enter the 6 digits your app shows.');

    await press('Use a backup code instead');
    await type('7kq2m-xh9pw');
    await press('Confirm');
    const reauth = backend.expectOne('/api/auth/reauth');
    expect(reauth.request.body).toEqual({ backupCode: '7kq2m-xh9pw' });
    reauth.flush('', { status: 204, statusText: 'No Content' });
    await stable();
    expect(result).toBe(true);
  });
});
