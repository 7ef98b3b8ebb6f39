import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { SessionStore } from '@huntkit/web/session';
import { safeReturnUrl } from './return-url';
import { SignInPage } from './sign-in-page';

describe('safeReturnUrl', () => {
  it('keeps same-site paths and refuses everything that could leave the site', () => {
    expect(safeReturnUrl('/tools?x=1')).toBe('/tools?x=1');
    for (const unsafe of [
      undefined,
      '',
      'https://evil.example',
      '//evil.example/path',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      expect(safeReturnUrl(unsafe)).toBe('/');
    }
  });
});

const ME = {
  id: '7c1e5a52-6f57-4d8e-9f5e-000000000001',
  email: 'ada@example.com',
  displayName: 'Ada',
  roles: ['user'],
  timeZone: 'UTC',
  verified: true,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const CHALLENGE = { id: '0b9d8c1e-2f3a-4b5c-8d7e-6f5a4b3c2d1e', expiresAt: '2026-01-01T00:05:00.000Z' };
const unauthorized = { status: 401, statusText: 'Unauthorized' };

describe('SignInPage', () => {
  let fixture: ComponentFixture<SignInPage>;
  let backend: HttpTestingController;
  let navigateByUrl: jest.SpyInstance;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });

  /** Opens the page with its query parameters (as the router binds them) and the configured providers. */
  async function open(
    query: Record<string, string>,
    providers: { google: boolean; github: boolean } = { google: false, github: false },
  ): Promise<void> {
    fixture = TestBed.createComponent(SignInPage);
    for (const [name, value] of Object.entries(query)) fixture.componentRef.setInput(name, value);
    element = fixture.nativeElement as HTMLElement;
    // Not whenStable(): the page is not stable before the providers' answer, which is flushed here.
    TestBed.tick();
    await answerProviders(providers);
  }

  /** Answers the providers' question if the page asked it (the code step has no provider buttons). */
  async function answerProviders(providers: { google: boolean; github: boolean }): Promise<void> {
    for (const asked of backend.match('/api/auth/providers'))
      asked.flush({ ...providers, googleClientId: null, turnstileSiteKey: null });
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  const heading = () => element.querySelector('h1')?.textContent?.trim();
  const field = (label: string) =>
    Array.from(element.querySelectorAll('mat-form-field'))
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)
      ?.querySelector('input') as HTMLInputElement;
  const button = (name: RegExp) =>
    Array.from(element.querySelectorAll('button')).find((b) =>
      name.test(b.textContent ?? ''),
    ) as HTMLButtonElement;
  /** The alert's words, without its icon's ligature name. */
  const alertText = () => element.querySelector('[role="alert"] > span:last-child')?.textContent?.trim();

  async function type(label: string, value: string): Promise<void> {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  async function press(name: RegExp, times = 1): Promise<void> {
    const target = button(name);
    for (let i = 0; i < times; i++) {
      target.click();
      await fixture.whenStable();
    }
  }

  /** Email and password right, for an account with two-factor authentication. */
  async function passPasswordStep(): Promise<void> {
    await type('Email', 'ada@example.com');
    await type('Password', 'plum tractor velvet 42');
    await press(/^\s*Sign in\s*$/);
    backend.expectOne('/api/auth/login').flush({ status: 'second_factor_required', challenge: CHALLENGE });
    await fixture.whenStable();
  }

  describe('with email and password', () => {
    beforeEach(() => open({ returnUrl: '/account' }));

    it('asks for the authenticator code after the password, and signs in with it like any sign-in', async () => {
      await passPasswordStep();
      expect(heading()).toBe('Two-step verification');
      expect(element.textContent).toContain('Enter the 6-digit code from your authenticator app.');
      const code = field('Code from your app');
      expect(code.getAttribute('autocomplete')).toBe('one-time-code');
      expect(code.getAttribute('inputmode')).toBe('numeric');
      expect(document.activeElement).toBe(code);
      expect(TestBed.inject(SessionStore).signedIn()).toBe(false);

      await type('Code from your app', '123 456');
      await press(/Verify and sign in/, 2); // a double click sends the code once
      const second = backend.expectOne('/api/auth/login/second-factor');
      expect(second.request.body).toEqual({ challengeId: CHALLENGE.id, code: '123 456' });
      second.flush({ status: 'signed_in', user: ME });
      await fixture.whenStable();

      expect(TestBed.inject(SessionStore).user()).toEqual(ME);
      expect(navigateByUrl).toHaveBeenCalledWith('/account');
    });

    it('checks the code before sending it', async () => {
      await passPasswordStep();
      await press(/Verify and sign in/);
      expect(element.textContent).toContain('Enter the 6-digit code from your app.');
      await type('Code from your app', '12a456');
      await press(/Verify and sign in/);
      expect(element.textContent).toContain('Enter the 6 digits your app shows.');
      backend.expectNone('/api/auth/login/second-factor');
    });

    it('says how many tries are left after a wrong code, and stays on the code step', async () => {
      await passPasswordStep();
      await type('Code from your app', '000000');
      await press(/Verify and sign in/);
      backend.expectOne('/api/auth/login/second-factor').flush(
        {
          code: 'invalid_code',
          detail: 'That code is not right, or it was already used. Use the newest code from your app.',
          attemptsLeft: 3,
        },
        unauthorized,
      );
      await fixture.whenStable();
      expect(alertText()).toBe(
        'That code is not right, or it was already used. Use the newest code from your app. 3 tries left.',
      );
      expect(heading()).toBe('Two-step verification');
      expect(navigateByUrl).not.toHaveBeenCalled();
    });

    it('takes a backup code instead when asked', async () => {
      await passPasswordStep();
      await press(/Use a backup code instead/);
      expect(element.textContent).toContain('Enter one of the backup codes you saved.');
      const backup = field('Backup code');
      expect(backup.getAttribute('autocomplete')).toBe('off');
      expect(document.activeElement).toBe(backup);

      await type('Backup code', '7KQ2M-XH9PW');
      await press(/Verify and sign in/);
      const second = backend.expectOne('/api/auth/login/second-factor');
      expect(second.request.body).toEqual({ challengeId: CHALLENGE.id, backupCode: '7KQ2M-XH9PW' });
      second.flush({ status: 'signed_in', user: ME });
      await fixture.whenStable();
      expect(navigateByUrl).toHaveBeenCalledWith('/account');
    });

    it('goes back to the password step with the reason when the challenge has ended', async () => {
      await passPasswordStep();
      await type('Code from your app', '111111');
      await press(/Verify and sign in/);
      backend.expectOne('/api/auth/login/second-factor').flush(
        {
          code: 'mfa_challenge_ended',
          detail: 'This sign-in step has expired or had too many wrong codes. Sign in again.',
        },
        unauthorized,
      );
      await fixture.whenStable();
      expect(heading()).toBe('Sign in to Huntkit');
      expect(alertText()).toBe('This sign-in step has expired or had too many wrong codes. Sign in again.');
      expect(field('Email').value).toBe('ada@example.com');

      // A new sign-in starts a new challenge, asked for with a clean code field.
      await passPasswordStep();
      expect(field('Code from your app').value).toBe('');
      expect(alertText()).toBeUndefined();
    });

    it('signs an account without two-factor authentication straight in, once however often it is pressed', async () => {
      await type('Email', 'ada@example.com');
      await type('Password', 'plum tractor velvet 42');
      await press(/^\s*Sign in\s*$/, 2);
      backend.expectOne('/api/auth/login').flush({ status: 'signed_in', user: ME });
      await fixture.whenStable();
      expect(TestBed.inject(SessionStore).user()).toEqual(ME);
      expect(navigateByUrl).toHaveBeenCalledWith('/account');
    });

    it('lets the person leave the code step for the password step', async () => {
      await passPasswordStep();
      await press(/Back to sign in/);
      expect(heading()).toBe('Sign in to Huntkit');
      expect(alertText()).toBeUndefined();
    });
  });

  describe('with Google and GitHub', () => {
    const providerLinks = () =>
      Array.from(element.querySelectorAll<HTMLAnchorElement>('a[href^="/api/auth/"]')).map((link) => ({
        name: link.textContent?.trim(),
        href: link.getAttribute('href'),
      }));

    it('offers no provider, and no "or", when none is configured', async () => {
      await open({ returnUrl: '/account' });
      expect(providerLinks()).toEqual([]);
      expect(element.querySelector('.divider')).toBeNull();
      expect(element.textContent).not.toContain('Continue with');
    });

    it('offers each configured provider as a link that starts its sign-in and comes back to the page’s return path', async () => {
      await open({ returnUrl: '/account' }, { google: true, github: true });
      expect(providerLinks()).toEqual([
        { name: 'Continue with Google', href: '/api/auth/google/start?returnTo=%2Faccount' },
        { name: 'Continue with GitHub', href: '/api/auth/github/start?returnTo=%2Faccount' },
      ]);
      expect(element.querySelector('.divider')?.textContent?.trim()).toBe('or');
    });

    it('comes back to the tools without a return path, or with one that leaves the site', async () => {
      await open({ returnUrl: 'https://evil.example' }, { google: false, github: true });
      expect(providerLinks()).toEqual([
        { name: 'Continue with GitHub', href: '/api/auth/github/start?returnTo=%2Ftools' },
      ]);
    });

    it('offers nothing when the API cannot say which providers are configured', async () => {
      fixture = TestBed.createComponent(SignInPage);
      element = fixture.nativeElement as HTMLElement;
      TestBed.tick();
      backend
        .expectOne('/api/auth/providers')
        .flush({ code: 'unavailable' }, { status: 503, statusText: 'Service Unavailable' });
      await fixture.whenStable();
      expect(providerLinks()).toEqual([]);
      expect(heading()).toBe('Sign in to Huntkit');
    });

    it.each([
      ['provider_refused', 'The provider did not confirm your sign-in, or it was cancelled. Try again.'],
      ['sign_in_expired', 'Signing in took too long, or was started in another browser. Try again.'],
      [
        'social_email_unverified',
        'That account has no verified email address at the provider. Verify one there, or sign up with email.',
      ],
      [
        'provider_already_linked',
        'Your Huntkit account is connected to another account of that provider. Sign in with that one, or with your password.',
      ],
      [
        'account_deactivated',
        'This account has been deactivated. Contact support if you think this is a mistake.',
      ],
      ['session_ended', 'Your sign-in ended before it finished. Sign in again.'],
      ['something_new', 'Signing in with that provider did not work. Try again.'],
      ['toString', 'Signing in with that provider did not work. Try again.'],
    ])('explains ?error=%s in plain words', async (code, message) => {
      await open({ error: code }, { google: true, github: true });
      expect(heading()).toBe('Sign in to Huntkit');
      expect(alertText()).toBe(message);
    });

    it('opens on the code step for ?challenge=, and signs in to the return path with the code', async () => {
      await open({ challenge: CHALLENGE.id, returnUrl: '/reports' });
      expect(heading()).toBe('Two-step verification');
      expect(document.activeElement).toBe(field('Code from your app'));

      await type('Code from your app', '123456');
      await press(/Verify and sign in/);
      const second = backend.expectOne('/api/auth/login/second-factor');
      expect(second.request.body).toEqual({ challengeId: CHALLENGE.id, code: '123456' });
      second.flush({ status: 'signed_in', user: ME });
      await fixture.whenStable();
      expect(TestBed.inject(SessionStore).user()).toEqual(ME);
      expect(navigateByUrl).toHaveBeenCalledWith('/reports');
    });

    it('goes to the sign-in form when the challenge of the link has ended', async () => {
      await open({ challenge: CHALLENGE.id });
      await type('Code from your app', '123456');
      await press(/Verify and sign in/);
      backend.expectOne('/api/auth/login/second-factor').flush(
        {
          code: 'mfa_challenge_ended',
          detail: 'This sign-in step has expired or had too many wrong codes. Sign in again.',
        },
        unauthorized,
      );
      TestBed.tick();
      await answerProviders({ google: true, github: false });
      expect(heading()).toBe('Sign in to Huntkit');
      expect(alertText()).toBe('This sign-in step has expired or had too many wrong codes. Sign in again.');
      expect(providerLinks().map((link) => link.name)).toEqual(['Continue with Google']);
    });
  });
});
