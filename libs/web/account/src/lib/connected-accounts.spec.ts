import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { ConnectedAccounts } from './connected-accounts';
import { AccountChanges } from './account-changes';

const URL = '/api/me/connected-accounts';
const provider = (name: 'google' | 'github', linked: boolean, configured = true) => ({
  provider: name,
  configured,
  linked,
  email: linked ? `${name}@example.com` : null,
  linkedAt: linked ? '2026-11-01T10:00:00.000Z' : null,
});

async function stable(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

describe('ConnectedAccounts', () => {
  let fixture: ComponentFixture<ConnectedAccounts>;
  let backend: HttpTestingController;

  async function render(query: Record<string, string> = {}) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        AccountChanges,
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ConnectedAccounts);
    await stable();
  }

  afterEach(() => backend.verify());

  const text = () => (fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ') ?? '';
  const buttons = () =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('button')).map((b) =>
      b.getAttribute('aria-label'),
    );

  it('offers Connect for configured providers and Disconnect for connected ones', async () => {
    await render();
    backend
      .expectOne(URL)
      .flush({ hasPassword: true, providers: [provider('google', true), provider('github', false)] });
    await stable();
    expect(text()).toContain('Connected as google@example.com since');
    expect(buttons()).toEqual(['Disconnect Google', 'Connect GitHub']);
  });

  it('says a provider is unavailable when the site has no credentials for it', async () => {
    await render();
    backend.expectOne(URL).flush({
      hasPassword: true,
      providers: [provider('google', false, false), provider('github', false, false)],
    });
    await stable();
    expect(text()).toContain('Not available on this site');
    expect(buttons()).toEqual([]);
  });

  it('warns when the only connected provider is the only way in', async () => {
    await render();
    backend
      .expectOne(URL)
      .flush({ hasPassword: false, providers: [provider('google', false), provider('github', true)] });
    await stable();
    expect(text()).toContain('GitHub is your only way to sign in.');
  });

  it('reports the outcome of a trip to the provider from the return address', async () => {
    await render({ link_error: 'social_account_in_use' });
    backend.expectOne(URL).flush({ hasPassword: true, providers: [] });
    await stable();
    expect(text()).toContain('That account already signs in to another Huntkit account.');
  });
});
