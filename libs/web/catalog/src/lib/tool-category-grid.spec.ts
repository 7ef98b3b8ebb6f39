import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ToolCategoryGrid } from './tool-category-grid';

describe('ToolCategoryGrid', () => {
  function setup() {
    TestBed.configureTestingModule({
      imports: [ToolCategoryGrid],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(ToolCategoryGrid);
    fixture.detectChanges();
    return {
      fixture,
      http: TestBed.inject(HttpTestingController),
      element: fixture.nativeElement as HTMLElement,
    };
  }

  it('lists the categories the API returns', async () => {
    const { fixture, http, element } = setup();
    http.expectOne('/api/tools/categories').flush([
      { id: 'dns', name: 'DNS & subdomains', summary: 'Records and subdomains.', icon: 'dns', toolCount: 2 },
      {
        id: 'tls',
        name: 'TLS & certificates',
        summary: 'Protocols and certificates.',
        icon: 'encrypted',
        toolCount: 1,
      },
    ]);
    await fixture.whenStable();
    const cards = Array.from(element.querySelectorAll('hk-icon-card h3')).map((h) => h.textContent?.trim());
    expect(cards).toEqual(['DNS & subdomains', 'TLS & certificates']);
    const counts = Array.from(element.querySelectorAll('.count')).map((c) => c.textContent?.trim());
    expect(counts).toEqual(['2 tools', '1 tool']);
    expect(element.textContent).not.toMatch(/\$\d/); // tools are not sold one by one
  });

  it('offers a retry when the catalog cannot be loaded, and recovers', async () => {
    const { fixture, http, element } = setup();
    http.expectOne('/api/tools/categories').flush('no', { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    const retry = element.querySelector<HTMLButtonElement>('button');
    expect(retry?.textContent).toContain('Try again');
    retry?.click();
    fixture.detectChanges();
    http
      .expectOne('/api/tools/categories')
      .flush([{ id: 'web', name: 'Web probing', summary: 'Probes.', icon: 'travel_explore', toolCount: 1 }]);
    await fixture.whenStable();
    expect(element.querySelectorAll('hk-icon-card')).toHaveLength(1);
  });
});
