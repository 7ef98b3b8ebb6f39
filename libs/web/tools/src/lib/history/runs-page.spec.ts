import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { SessionStore } from '@huntkit/web/session';
import type { RunDto } from '../api/run-models';
import { RunsPage } from './runs-page';

const run = (id: string, extra: Partial<RunDto> = {}): RunDto => ({
  id,
  toolId: 'port-scan',
  toolName: 'Port scan',
  target: `${id}.example.com`,
  status: 'succeeded',
  cost: 2,
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: '2026-01-01T00:00:01Z',
  finishedAt: '2026-01-01T00:01:05Z',
  durationMs: 64_000,
  error: null,
  resultCounts: { total: 3, bySeverity: { info: 1, high: 2 }, new: 1, gone: 0 },
  cancelRequested: false,
  ...extra,
});

describe('RunsPage', () => {
  let fixture: ComponentFixture<RunsPage>;
  let http: HttpTestingController;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        provideRouter([]),
        { provide: SessionStore, useValue: { user: signal({ timeZone: 'UTC' }) } },
      ],
    });
    fixture = TestBed.createComponent(RunsPage);
    http = TestBed.inject(HttpTestingController);
    element = fixture.nativeElement as HTMLElement;
  });
  afterEach(() => http.verify());

  const answer = async (url: RegExp, items: RunDto[], total = items.length) => {
    fixture.detectChanges();
    http.expectOne('/api/tools').flush([{ id: 'port-scan', name: 'Port scan' }]);
    const request = http.expectOne((req) => req.url === '/api/runs');
    expect(request.request.urlWithParams).toMatch(url);
    request.flush({ items, page: { total, page: 1, pageSize: 20 } });
    await fixture.whenStable();
  };

  it('asks the API for the filters of the URL and lists the runs', async () => {
    fixture.componentRef.setInput('status', 'succeeded');
    fixture.componentRef.setInput('target', 'example');
    fixture.componentRef.setInput('page', '2');
    await answer(
      /^\/api\/runs\?page=2&pageSize=20&status=succeeded&target=example$/,
      [run('a'), run('b')],
      22,
    );
    const rows = element.querySelectorAll('tr.run-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('a.example.com');
    expect(rows[0].textContent).toContain('Succeeded');
    expect(rows[0].textContent).toContain('1m 04s');
    expect(rows[0].textContent).toContain('High 2');
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/runs/a');
    expect(element.querySelector('.mat-mdc-paginator-range-label')?.textContent).toContain('21 – 22 of 22');
  });

  it('puts a new filter in the URL, back on the first page', async () => {
    fixture.componentRef.setInput('page', '3');
    await answer(/page=3/, [run('a')], 60);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const search = element.querySelector('input[type="search"]') as HTMLInputElement;
    search.value = ' scanme ';
    search.dispatchEvent(new Event('input'));
    // The search is debounced: wait for the navigation it leads to, however long that takes.
    while (navigate.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(navigate).toHaveBeenCalledWith([], {
      queryParams: { tool: null, status: null, target: 'scanme', period: null, page: null, size: null },
      replaceUrl: true,
    });
  });

  it('points a newcomer to the tools, and a filtered search to clearing the filters', async () => {
    await answer(/^\/api\/runs\?page=1&pageSize=20$/, []);
    expect(element.textContent).toContain('No runs yet.');
    expect(element.querySelector('.empty a')?.getAttribute('href')).toBe('/tools');

    fixture.componentRef.setInput('tool', 'port-scan');
    fixture.detectChanges();
    http
      .expectOne((req) => req.url === '/api/runs')
      .flush({ items: [], page: { total: 0, page: 1, pageSize: 20 } });
    await fixture.whenStable();
    expect(element.textContent).toContain('No run matches these filters.');
  });
});
