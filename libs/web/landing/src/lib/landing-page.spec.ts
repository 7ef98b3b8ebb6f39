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
