import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { COPYRIGHT_LINE } from '@huntkit/shared/brand';
import { Footer } from './footer';

describe('Footer', () => {
  function setup() {
    TestBed.configureTestingModule({
      imports: [Footer],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(Footer);
    fixture.detectChanges();
    return {
      fixture,
      http: TestBed.inject(HttpTestingController),
      element: fixture.nativeElement as HTMLElement,
    };
  }

  it('shows only the social networks the deployment configured, with the API copyright', async () => {
    const { fixture, http, element } = setup();
    http.expectOne('/api/site').flush({
      name: 'Huntkit',
      copyright: '© 2031 The Huntkit authors. All rights reserved.',
      socialLinks: [
        { network: 'github', label: 'GitHub', url: 'https://github.com/huntkit' },
        { network: 'discord', label: 'Discord', url: 'https://discord.gg/huntkit' },
      ],
    });
    await fixture.whenStable();
    const socials = Array.from(element.querySelectorAll<HTMLAnchorElement>('.socials a'));
    expect(socials.map((a) => [a.getAttribute('aria-label'), a.href, a.rel])).toEqual([
      ['Huntkit on GitHub', 'https://github.com/huntkit', 'noopener noreferrer'],
      ['Huntkit on Discord', 'https://discord.gg/huntkit', 'noopener noreferrer'],
    ]);
    expect(element.querySelector('.copyright')?.textContent).toContain('2031');
  });

  it('leaves the social list out when the deployment configured no networks', async () => {
    const { fixture, http, element } = setup();
    http.expectOne('/api/site').flush({ name: 'Huntkit', copyright: COPYRIGHT_LINE, socialLinks: [] });
    await fixture.whenStable();
    expect(element.querySelector('ul[aria-label="Huntkit elsewhere"]')).toBeNull();
  });

  it('still shows links and a copyright line when the API is unreachable', async () => {
    const { fixture, http, element } = setup();
    http.expectOne('/api/site').flush('down', { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();
    expect(element.querySelector('.socials')).toBeNull();
    expect(element.querySelector('.copyright')?.textContent?.trim()).toBe(COPYRIGHT_LINE);
    const legal = Array.from(element.querySelectorAll('nav[aria-label="Legal"] a')).map((a) =>
      a.getAttribute('href'),
    );
    expect(legal).toEqual(['/legal/terms', '/legal/privacy', '/legal/acceptable-use']);
  });
});
