import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import type { RunResultDto } from '../api/run-models';
import { RunResults } from './run-results';

const result = (
  id: string,
  severity: RunResultDto['severity'],
  change: RunResultDto['change'],
): RunResultDto => ({
  id,
  kind: 'port',
  key: `tcp/${id}`,
  title: `Result ${id}`,
  severity,
  change,
  fingerprint: `fp-${id}`,
  data: { port: Number(id), banner: 'nginx' },
});

describe('RunResults', () => {
  let fixture: ComponentFixture<RunResults>;
  let http: HttpTestingController;
  let element: HTMLElement;
  const rows = () =>
    Array.from(element.querySelectorAll('tr.result-row')).map((row) => row.textContent ?? '');
  const toggle = async (label: string) => {
    const button = Array.from(element.querySelectorAll<HTMLButtonElement>('mat-button-toggle button')).find(
      (b) => b.textContent?.trim().startsWith(label),
    );
    button?.click();
    await fixture.whenStable();
  };

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideApiConfiguration('')],
    });
    fixture = TestBed.createComponent(RunResults);
    fixture.componentRef.setInput('runId', 'r1');
    fixture.componentRef.setInput('status', 'running');
    http = TestBed.inject(HttpTestingController);
    element = fixture.nativeElement as HTMLElement;
  });
  afterEach(() => http.verify());

  it('waits for the run to finish, then lists the results most severe first', async () => {
    await fixture.whenStable();
    expect(element.textContent).toContain('No results yet.');
    http.expectNone('/api/runs/r1/results');

    fixture.componentRef.setInput('status', 'succeeded');
    fixture.detectChanges();
    http
      .expectOne('/api/runs/r1/results')
      .flush([result('22', 'info', 'unchanged'), result('23', 'high', 'new'), result('80', 'low', 'gone')]);
    await fixture.whenStable();
    expect(rows().map((text) => text.match(/Result \d+/)?.[0])).toEqual([
      'Result 23',
      'Result 80',
      'Result 22',
    ]);
    expect(rows()[0]).toContain('High');
    expect(rows()[0]).toContain('New');
    expect(element.querySelector('.summary')?.textContent).toBe(
      '3 results: 1 high, 1 low, 1 info · 1 new · 1 gone',
    );

    await toggle('Low');
    expect(rows()).toHaveLength(1);
    await toggle('All');
    await toggle('New');
    expect(rows()).toHaveLength(1);
    await toggle('Info'); // no info result is new
    expect(element.textContent).toContain('No result matches these filters.');
  });

  it('opens a result onto its details', async () => {
    fixture.componentRef.setInput('status', 'succeeded');
    fixture.detectChanges();
    http.expectOne('/api/runs/r1/results').flush([result('443', 'medium', 'new')]);
    await fixture.whenStable();
    const expand = element.querySelector<HTMLButtonElement>('button[aria-label="Details of Result 443"]');
    expect(expand?.getAttribute('aria-expanded')).toBe('false');
    expand?.click();
    await fixture.whenStable();
    expect(expand?.getAttribute('aria-expanded')).toBe('true');
    const details = element.querySelector('#result-443')?.textContent ?? '';
    expect(details).toContain('banner');
    expect(details).toContain('nginx');
    expect(details).toContain('fp-443');
  });

  it('tells a run that found nothing from one that failed', async () => {
    fixture.componentRef.setInput('status', 'succeeded');
    fixture.detectChanges();
    http.expectOne('/api/runs/r1/results').flush([]);
    await fixture.whenStable();
    expect(element.textContent).toContain('The run found nothing.');

    fixture.componentRef.setInput('status', 'failed');
    await fixture.whenStable();
    expect(element.textContent).toContain('The run failed before reporting anything');
    fixture.componentRef.setInput('status', 'cancelled');
    await fixture.whenStable();
    expect(element.textContent).toContain('The run was cancelled before reporting anything');
  });

  it('offers a retry when the results cannot be loaded', async () => {
    fixture.componentRef.setInput('status', 'succeeded');
    fixture.detectChanges();
    http.expectOne('/api/runs/r1/results').flush(null, { status: 500, statusText: 'Server error' });
    await fixture.whenStable();
    expect(element.textContent).toContain('The results could not be loaded.');
  });
});
