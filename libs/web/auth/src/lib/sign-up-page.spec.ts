import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { SignUpPage } from './sign-up-page';

describe('SignUpPage with Google and GitHub', () => {
  let backend: HttpTestingController;

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
  });

  afterEach(() => backend.verify());

  /** The page as the router opens it, once the API said which providers are configured. */
  async function open(query: Record<string, string>, providers: { google: boolean; github: boolean }) {
    const fixture = TestBed.createComponent(SignUpPage);
    for (const [name, value] of Object.entries(query)) fixture.componentRef.setInput(name, value);
    TestBed.tick();
    backend
      .expectOne('/api/auth/providers')
      .flush({ ...providers, googleClientId: null, turnstileSiteKey: null });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return {
      element,
      links: Array.from(element.querySelectorAll<HTMLAnchorElement>('a[href^="/api/auth/"]')).map((link) => ({
        name: link.textContent?.trim(),
        href: link.getAttribute('href'),
      })),
    };
  }

  it('offers no provider, and no "or", when none is configured', async () => {
    const { element, links } = await open({}, { google: false, github: false });
    expect(links).toEqual([]);
    expect(element.querySelector('.divider')).toBeNull();
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Create your account');
  });

  it('starts a sign-up at each configured provider, landing on the tools by default', async () => {
    const { element, links } = await open({}, { google: true, github: true });
    expect(links).toEqual([
      { name: 'Continue with Google', href: '/api/auth/google/start?returnTo=%2Ftools' },
      { name: 'Continue with GitHub', href: '/api/auth/github/start?returnTo=%2Ftools' },
    ]);
    expect(element.querySelector('.divider')?.textContent?.trim()).toBe('or');
  });

  it('lands on the return path of the page when it has one', async () => {
    const { links } = await open({ returnUrl: '/workflows?tab=mine' }, { google: true, github: false });
    expect(links).toEqual([
      { name: 'Continue with Google', href: '/api/auth/google/start?returnTo=%2Fworkflows%3Ftab%3Dmine' },
    ]);
  });
});
