import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { CreditsStore, SessionRefresher, SessionStore } from '@huntkit/web/session';
import { of } from 'rxjs';
import type { RunDetailDto } from '../api/run-models';
import { FakeEventSource } from '../terminal/fake-event-source';
import { RUN_EVENT_SOURCE } from '../terminal/run-terminal';
import { RunPage } from './run-page';

jest.mock('@xterm/xterm', () => ({
  Terminal: class {
    open = jest.fn();
    loadAddon = jest.fn();
    dispose = jest.fn();
    reset = jest.fn();
    write = jest.fn();
  },
}));
jest.mock('@xterm/addon-fit', () => ({
  FitAddon: class {
    fit = jest.fn();
  },
}));

const RUN: RunDetailDto = {
  id: 'run-1',
  toolId: 'port-scan',
  toolName: 'Port scan',
  target: 'scanme.example.com',
  status: 'running',
  cost: 2,
  createdAt: '2026-01-01T10:00:00Z',
  startedAt: '2026-01-01T10:00:01Z',
  finishedAt: null,
  durationMs: null,
  error: null,
  resultCounts: null,
  cancelRequested: false,
  config: { target: 'scanme.example.com' },
  timeoutSeconds: 300,
  previousRunId: null,
  outputBytes: 0,
  outputTruncated: false,
  logAvailable: true,
};

describe('RunPage', () => {
  let fixture: ComponentFixture<RunPage>;
  let http: HttpTestingController;
  let element: HTMLElement;
  const refresh = jest.fn();
  const button = (text: string) =>
    Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.includes(text),
    );

  beforeEach(async () => {
    FakeEventSource.instances.length = 0;
    refresh.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        provideRouter([]),
        { provide: RUN_EVENT_SOURCE, useValue: FakeEventSource.create },
        { provide: SessionRefresher, useValue: { refresh: () => of(false) } },
        { provide: SessionStore, useValue: { user: signal({ timeZone: 'UTC' }) } },
        { provide: CreditsStore, useValue: { refresh } },
      ],
    });
    fixture = TestBed.createComponent(RunPage);
    fixture.componentRef.setInput('runId', 'run-1');
    http = TestBed.inject(HttpTestingController);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/runs/run-1').flush(RUN);
    await fixture.whenStable();
  });
  afterEach(() => http.verify());

  it('shows the run with its actions and follows its stream', () => {
    expect(element.querySelector('h1')?.textContent).toContain('scanme.example.com');
    expect(element.querySelector('hk-run-header hk-status-chip')?.textContent).toContain('Running');
    expect(element.querySelector('a[href="/tools/port-scan?from=run-1"]')?.textContent).toContain('Re-run');
    expect(element.querySelector('hk-run-header a[href="/api/runs/run-1/log"]')).not.toBeNull();
    expect(element.textContent).toContain('No results yet.');
    expect(FakeEventSource.latest().url).toBe('/api/runs/run-1/stream');
  });

  it('cancels only after a confirmation', async () => {
    button('Cancel')?.click();
    await fixture.whenStable();
    http.expectNone('/api/runs/run-1/cancel');
    button('Keep running')?.click();
    await fixture.whenStable();
    button('Cancel')?.click();
    await fixture.whenStable();
    button('Yes, cancel it')?.click();
    const cancel = http.expectOne({ method: 'POST', url: '/api/runs/run-1/cancel' });
    cancel.flush({ ...RUN, cancelRequested: true });
    await fixture.whenStable();
    expect(element.textContent).toContain('Cancel requested.');
    expect(button('Cancel')).toBeUndefined();
  });

  it('reloads the run and its results when the stream says it has finished', async () => {
    FakeEventSource.latest().emit(
      'status',
      JSON.stringify({ status: 'succeeded', at: '2026-01-01T10:01:00Z' }),
      '9-0',
    );
    fixture.detectChanges();
    http
      .expectOne('/api/runs/run-1')
      .flush({ ...RUN, status: 'succeeded', finishedAt: '2026-01-01T10:01:00Z', durationMs: 59_000 });
    fixture.detectChanges();
    http.expectOne('/api/runs/run-1/results').flush([]);
    await fixture.whenStable();
    expect(element.querySelector('hk-run-header hk-status-chip')?.textContent).toContain('Succeeded');
    expect(element.textContent).toContain('59s');
    expect(element.textContent).toContain('The run found nothing.');
    expect(refresh).toHaveBeenCalled();
  });
});
