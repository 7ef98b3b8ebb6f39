import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { ToolList } from './tool-list';

const tool = (id: string, category: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id.toUpperCase(),
  category,
  summary: `${id} summary`,
  cost: 2,
  configSchema: {},
  produces: [],
  defaultTimeoutSeconds: 60,
  maxTimeoutSeconds: 300,
  enabled: true,
  unavailableReason: null,
  ...extra,
});

describe('ToolList', () => {
  it('groups the tools by category, links each to its page, says which cannot run, and filters by search', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        provideRouter([]),
      ],
    });
    const fixture = TestBed.createComponent(ToolList);
    const http = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
    http
      .expectOne('/api/tools')
      .flush([
        tool('port-scan', 'network'),
        tool('nmap', 'network', { unavailableReason: 'nmap is not installed on the workers.' }),
        tool('dns-records', 'dns'),
      ]);
    http.expectOne('/api/tools/categories').flush([
      { id: 'network', name: 'Network', summary: '', icon: 'lan', toolCount: 2 },
      { id: 'web', name: 'Web', summary: '', icon: 'web', toolCount: 0 },
      { id: 'dns', name: 'DNS', summary: '', icon: 'dns', toolCount: 1 },
    ]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const headings = () => Array.from(element.querySelectorAll('h2')).map((h) => h.textContent?.trim());
    expect(headings()).toEqual(['lanNetwork', 'dnsDNS']);
    expect(element.querySelector('.reason')?.textContent).toContain('nmap is not installed');
    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('a.tool')).map((a) =>
      a.getAttribute('href'),
    );
    expect(links).toEqual(['/tools/port-scan', '/tools/nmap', '/tools/dns-records']);

    const search = element.querySelector('input') as HTMLInputElement;
    search.value = 'dns';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(headings()).toEqual(['dnsDNS']);
    search.value = 'zzz';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(element.textContent).toContain('No tool matches');
  });
});
