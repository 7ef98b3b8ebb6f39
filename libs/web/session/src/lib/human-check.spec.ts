import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { humanCheckInterceptor, HumanCheckToken } from './human-check';

describe('humanCheckInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let token: HumanCheckToken;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([humanCheckInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    token = TestBed.inject(HumanCheckToken);
  });

  afterEach(() => backend.verify());

  it('sends the token once with a guarded request, then asks for a new one', () => {
    token.set('t-1');
    http.post('/api/auth/register', {}).subscribe();
    expect(backend.expectOne('/api/auth/register').request.headers.get('X-Turnstile-Token')).toBe('t-1');
    expect(token.value()).toBeNull();
    expect(token.spent()).toBe(1);
    http.post('/api/auth/register', {}).subscribe();
    expect(backend.expectOne('/api/auth/register').request.headers.has('X-Turnstile-Token')).toBe(false);
  });

  it('keeps the token away from every other request', () => {
    token.set('t-2');
    http.post('/api/auth/logout', {}).subscribe();
    http.get('/api/auth/register').subscribe();
    expect(backend.expectOne('/api/auth/logout').request.headers.has('X-Turnstile-Token')).toBe(false);
    expect(backend.expectOne('/api/auth/register').request.headers.has('X-Turnstile-Token')).toBe(false);
    expect(token.value()).toBe('t-2');
  });
});
