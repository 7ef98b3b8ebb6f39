import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LandingPage } from './landing-page';

describe('LandingPage', () => {
  beforeAll(() => {
    // jsdom has no matchMedia; the terminal demo asks it about reduced motion.
    Object.defineProperty(window, 'matchMedia', { value: () => ({ matches: true }), configurable: true });
  });

  function setup() {
    TestBed.configureTestingModule({
      imports: [LandingPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(LandingPage);
    fixture.detectChanges();
    return {
      fixture,
      http: TestBed.inject(HttpTestingController),
      element: fixture.nativeElement as HTMLElement,
    };
  }

  it('lists the categories the API returns under "Choose your arsenal"', async () => {
    const { fixture, http, element } = setup();
    http.expectOne('/api/tools/categories').flush([
      { id: 'dns', name: 'DNS & subdomains', summary: 'Records and subdomains.', icon: 'dns' },
      { id: 'tls', name: 'TLS & certificates', summary: 'Protocols and certificates.', icon: 'encrypted' },
    ]);
    await fixture.whenStable();
    const cards = Array.from(element.querySelectorAll('#arsenal hk-icon-card h3')).map((h) =>
      h.textContent?.trim(),
    );
    expect(cards).toEqual(['DNS & subdomains', 'TLS & certificates']);
    expect(element.textContent).not.toMatch(/\$\d/); // tools are not sold one by one
  });

  it('offers a retry when the catalog cannot be loaded, and recovers', async () => {
    const { fixture, http, element } = setup();
    http.expectOne('/api/tools/categories').flush('no', { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    const retry = element.querySelector<HTMLButtonElement>('#arsenal button');
    expect(retry?.textContent).toContain('Try again');
    retry?.click();
    fixture.detectChanges();
    http
      .expectOne('/api/tools/categories')
      .flush([{ id: 'web', name: 'Web probing', summary: 'Probes.', icon: 'travel_explore' }]);
    await fixture.whenStable();
    expect(element.querySelectorAll('#arsenal hk-icon-card')).toHaveLength(1);
  });

  it('has a single kind of call to action, "Launch scan", pointing at the tools page, and no demo button', () => {
    const { element, http } = setup();
    http.expectOne('/api/tools/categories').flush([]);
    const ctas = Array.from(element.querySelectorAll<HTMLAnchorElement>('a.launch'));
    expect(ctas.length).toBeGreaterThan(0);
    expect(
      ctas.every((a) => a.textContent?.includes('Launch scan') && a.getAttribute('href') === '/tools'),
    ).toBe(true);
    expect(element.textContent).not.toMatch(/watch demo/i);
  });

  it('shows the whole scripted run at once when the visitor prefers reduced motion', async () => {
    const { fixture, http, element } = setup();
    http.expectOne('/api/tools/categories').flush([]);
    await fixture.whenStable();
    expect(element.querySelectorAll('hk-terminal-demo .line')).toHaveLength(7);
  });
});
