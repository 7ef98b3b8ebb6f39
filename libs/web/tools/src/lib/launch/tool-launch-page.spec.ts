import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { CreditsStore, SessionStore } from '@huntkit/web/session';
import { PORT_SCAN } from '../schema-form/test-schemas';
import { ToolLaunchPage } from './tool-launch-page';

const TOOL = {
  id: 'port-scan',
  name: 'Port scan',
  category: 'network',
  summary: 'TCP connect scan.',
  cost: 2,
  configSchema: PORT_SCAN,
  produces: ['port'],
  defaultTimeoutSeconds: 300,
  maxTimeoutSeconds: 1800,
  enabled: true,
  unavailableReason: null as string | null,
};

describe('ToolLaunchPage', () => {
  let fixture: ComponentFixture<ToolLaunchPage>;
  let http: HttpTestingController;
  let element: HTMLElement;
  const signedIn = signal(true);
  const refresh = jest.fn();

  /** Opens the page and answers its loads (the earlier run too, when given). */
  async function open(tool = TOOL, from?: { id: string; run: object }): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        provideRouter([]),
        { provide: SessionStore, useValue: { signedIn, user: signal({ timeZone: 'UTC' }) } },
        { provide: CreditsStore, useValue: { total: signal(8), refresh } },
      ],
    });
    fixture = TestBed.createComponent(ToolLaunchPage);
    fixture.componentRef.setInput('toolId', tool.id);
    if (from) fixture.componentRef.setInput('from', from.id);
    http = TestBed.inject(HttpTestingController);
    element = fixture.nativeElement as HTMLElement;
    // Stable only once every load is answered.
    fixture.detectChanges();
    http.expectOne(`/api/tools/${tool.id}`).flush(tool);
    http
      .expectOne('/api/tools/categories')
      .flush([{ id: 'network', name: 'Network', summary: '', icon: 'lan', toolCount: 1 }]);
    if (from) http.expectOne(`/api/runs/${from.id}`).flush(from.run);
    await fixture.whenStable();
  }

  const type = async (name: string, value: string) => {
    const input = element.querySelector(`input[name="${name}"]`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const launchButton = () => element.querySelector('button.launch') as HTMLButtonElement | null;
  const launch = async () => {
    launchButton()?.click();
    await fixture.whenStable();
  };

  beforeEach(() => {
    signedIn.set(true);
    refresh.mockClear();
  });
  afterEach(() => http.verify());

  it('shows the tool, its cost against the balance, and launches once per intended run', async () => {
    await open();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    expect(element.querySelector('h1')?.textContent).toContain('Port scan');
    expect(element.textContent).toContain('Network');
    expect(element.querySelector('hk-cost-line')?.textContent).toContain('Costs 2 credits · you have 8');

    await launch(); // the target is missing: nothing is sent
    expect(element.textContent).toContain('Target is required.');

    await type('target', '10.0.0.1');
    await launch();
    const first = http.expectOne({ method: 'POST', url: '/api/tools/port-scan/runs' });
    expect(first.request.body).toEqual({
      config: { target: '10.0.0.1', ports: '1-1024', concurrency: 200, grabBanners: true },
      timeoutSeconds: 300,
      idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,100}$/),
    });
    expect(launchButton()?.disabled).toBe(true);
    await launch(); // a double click sends nothing more
    first.flush(
      { status: 503, code: 'unavailable', detail: 'Try again.' },
      { status: 503, statusText: 'Unavailable' },
    );
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Try again.');

    // The same settings again is a retry of the same launch: same key.
    await launch();
    const retry = http.expectOne('/api/tools/port-scan/runs');
    expect(retry.request.body.idempotencyKey).toBe(first.request.body.idempotencyKey);
    retry.flush(
      {
        status: 422,
        code: 'validation_failed',
        errors: [
          {
            field: 'config.target',
            pointer: '/config/target',
            detail: 'Private addresses cannot be scanned.',
          },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'Private addresses cannot be scanned.',
    );
    expect(element.querySelector('mat-error')?.textContent).toContain('Private addresses cannot be scanned.');
    await launch(); // the field must change before it is sent again
    http.expectNone('/api/tools/port-scan/runs');

    // New settings are a new launch: a new key.
    await type('target', 'scanme.example.com');
    await launch();
    const last = http.expectOne('/api/tools/port-scan/runs');
    expect(last.request.body.idempotencyKey).not.toBe(first.request.body.idempotencyKey);
    last.flush({ id: 'run-1', status: 'queued' }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/runs', 'run-1']);
    expect(refresh).toHaveBeenCalled();
  });

  it('puts a time-limit problem from the API on the time-limit field', async () => {
    await open();
    await type('target', 'scanme.example.com');
    await launch();
    http.expectOne('/api/tools/port-scan/runs').flush(
      {
        status: 422,
        code: 'validation_failed',
        errors: [
          {
            field: 'timeoutSeconds',
            pointer: '/timeoutSeconds',
            detail: 'At most 600 seconds on your plan.',
          },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(element.querySelector('mat-expansion-panel mat-error')?.textContent).toContain(
      'At most 600 seconds on your plan.',
    );
  });

  it('starts from an earlier run of the same tool', async () => {
    await open(TOOL, {
      id: 'run-0',
      run: {
        id: 'run-0',
        toolId: 'port-scan',
        target: 'old.example',
        createdAt: '2026-01-01T00:00:00Z',
        config: { target: 'old.example', ports: '22', concurrency: 10, grabBanners: false },
        timeoutSeconds: 9999,
      },
    });
    expect((element.querySelector('input[name="target"]') as HTMLInputElement).value).toBe('old.example');
    expect((element.querySelector('input[name="ports"]') as HTMLInputElement).value).toBe('22');
    expect(element.textContent).toContain('Settings from your run on old.example');
    // Capped at the tool's maximum.
    expect(element.textContent).toContain('Time limit 30 min');
  });

  it('asks visitors to sign in, and offers no launch for a tool that cannot run', async () => {
    signedIn.set(false);
    await open({ ...TOOL, unavailableReason: 'nmap is not installed on the workers.' });
    expect(element.textContent).toContain('nmap is not installed on the workers.');
    const signIn = element.querySelector('a[href^="/sign-in"]');
    expect(signIn?.textContent).toContain('Sign in to launch');
    expect(signIn?.getAttribute('href')).toContain('returnUrl=');
    expect(element.querySelector('hk-cost-line')?.textContent).not.toContain('you have');
    signedIn.set(true);
    await fixture.whenStable();
    expect(launchButton()).toBeNull();
  });
});
