import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { firstValueFrom } from 'rxjs';
import { refreshOn401Interceptor } from './refresh-on-401.interceptor';
import { SessionStore } from './session.store';

const ME = {
  id: '7c1e5a52-6f57-4d8e-9f5e-000000000001',
  email: 'ada@example.com',
  displayName: 'Ada',
  roles: ['user'],
  timeZone: 'UTC',
  verified: true,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('refreshOn401Interceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: SessionStore;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([refreshOn401Interceptor])),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionStore);
    const loaded = session.load();
    backend.expectOne('/api/auth/session').flush({ user: ME, refreshable: false });
    await loaded;
  });

  afterEach(() => backend.verify());

  const unauthorized = { status: 401, statusText: 'Unauthorized' };

  it('renews the session once for requests failing together, then replays each of them', async () => {
    const first = firstValueFrom(http.get<{ n: number }>('/api/runs'));
    const second = firstValueFrom(http.get<{ n: number }>('/api/credits'));
    backend.expectOne('/api/runs').flush(null, unauthorized);
    backend.expectOne('/api/credits').flush(null, unauthorized);

    backend.expectOne('/api/auth/csrf').flush({ token: 't' });
    backend.expectOne('/api/auth/refresh').flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/runs').flush({ n: 1 });
    backend.expectOne('/api/credits').flush({ n: 2 });
    await expect(first).resolves.toEqual({ n: 1 });
    await expect(second).resolves.toEqual({ n: 2 });
    expect(session.user()).toEqual(ME);
  });

  it('signs the app out when the session cannot be renewed, and passes the 401 on', async () => {
    const call = firstValueFrom(http.get('/api/runs'));
    backend.expectOne('/api/runs').flush(null, unauthorized);
    backend.expectOne('/api/auth/csrf').flush({ token: 't' });
    backend.expectOne('/api/auth/refresh').flush({ code: 'session_ended' }, unauthorized);
    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(session.user()).toBeNull();
  });

  it('leaves the sign-in endpoints alone and never retries a request twice', async () => {
    const login = firstValueFrom(http.post('/api/auth/login', {}));
    backend.expectOne('/api/auth/login').flush({ code: 'invalid_credentials' }, unauthorized);
    await expect(login).rejects.toMatchObject({ status: 401 });

    const call = firstValueFrom(http.get('/api/runs'));
    backend.expectOne('/api/runs').flush(null, unauthorized);
    backend.expectOne('/api/auth/csrf').flush({ token: 't' });
    backend.expectOne('/api/auth/refresh').flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/runs').flush(null, unauthorized);
    await expect(call).rejects.toMatchObject({ status: 401 });
  });

  it('renews a lapsed session at start-up, so a returning visitor stays signed in', async () => {
    const loaded = session.load();
    backend.expectOne('/api/auth/session').flush({ user: null, refreshable: true });
    backend.expectOne('/api/auth/csrf').flush({ token: 't' });
    backend.expectOne('/api/auth/refresh').flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/auth/session').flush({ user: ME, refreshable: false });
    await loaded;
    expect(session.user()).toEqual(ME);
  });
});
