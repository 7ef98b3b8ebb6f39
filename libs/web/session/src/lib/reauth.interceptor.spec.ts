import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { AccountSecurityService, provideApiConfiguration } from '@huntkit/web/api-client';
import { firstValueFrom, Subject } from 'rxjs';
import { provideReauthDialog, reauthInterceptor } from './reauth.interceptor';

const reauthRequired = {
  status: 403,
  statusText: 'Forbidden',
};
const REAUTH_PROBLEM = {
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
  code: 'reauthentication_required',
  detail: 'Confirm it is you: enter your password or an authenticator code, then try again.',
};

/** The dialog loads lazily (the app's loader), so it opens a few microtasks after the 403. */
const dialogLoaded = () => new Promise((resolve) => setTimeout(resolve));

/** What the app provides in place of web-auth's ReauthDialog. */
class ReauthDialogStandIn {}

describe('reauthInterceptor', () => {
  let http: HttpClient;
  let loadDialog: jest.Mock<Promise<typeof ReauthDialogStandIn>, []>;
  let backend: HttpTestingController;
  let open: jest.Mock;
  let closed: Subject<boolean | undefined>;

  beforeEach(() => {
    closed = new Subject();
    open = jest.fn(() => ({ afterClosed: () => closed }));
    loadDialog = jest.fn(() => Promise.resolve(ReauthDialogStandIn));
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([reauthInterceptor])),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        { provide: MatDialog, useValue: { open } },
        provideReauthDialog(() => loadDialog()),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  function answer(closedWith: boolean | undefined): void {
    closed.next(closedWith);
    closed.complete();
  }

  it('asks once for requests refused together, then sends each of them again', async () => {
    const first = firstValueFrom(http.post<{ n: number }>('/api/me/mfa/enrollment', {}));
    const second = firstValueFrom(http.post<{ n: number }>('/api/me/api-tokens', { name: 'ci' }));
    backend.expectOne('/api/me/mfa/enrollment').flush(REAUTH_PROBLEM, reauthRequired);
    backend.expectOne('/api/me/api-tokens').flush(REAUTH_PROBLEM, reauthRequired);
    await dialogLoaded();
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith(ReauthDialogStandIn, expect.anything());

    answer(true);
    backend.expectOne('/api/me/mfa/enrollment').flush({ n: 1 });
    const retried = backend.expectOne('/api/me/api-tokens');
    expect(retried.request.body).toEqual({ name: 'ci' });
    retried.flush({ n: 2 });
    await expect(first).resolves.toEqual({ n: 1 });
    await expect(second).resolves.toEqual({ n: 2 });
  });

  it('fails the request with the original answer when the dialog is cancelled', async () => {
    const call = firstValueFrom(http.post('/api/me/mfa/backup-codes', {}));
    backend.expectOne('/api/me/mfa/backup-codes').flush(REAUTH_PROBLEM, reauthRequired);
    await dialogLoaded();
    answer(undefined); // Escape, the backdrop, or Cancel
    await expect(call).rejects.toMatchObject({ status: 403, error: REAUTH_PROBLEM });
    backend.expectNone('/api/me/mfa/backup-codes');
  });

  it('sends a request again only once: a second refusal is final', async () => {
    const call = firstValueFrom(http.delete('/api/me/mfa'));
    backend.expectOne('/api/me/mfa').flush(REAUTH_PROBLEM, reauthRequired);
    await dialogLoaded();
    answer(true);
    backend.expectOne('/api/me/mfa').flush(REAUTH_PROBLEM, reauthRequired);
    await expect(call).rejects.toMatchObject({ status: 403 });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('opens a new dialog for a later refusal, once the previous one has closed', async () => {
    const first = firstValueFrom(http.delete('/api/me/mfa'));
    backend.expectOne('/api/me/mfa').flush(REAUTH_PROBLEM, reauthRequired);
    await dialogLoaded();
    answer(undefined);
    await expect(first).rejects.toMatchObject({ status: 403 });

    closed = new Subject();
    const second = firstValueFrom(http.delete('/api/me/mfa'));
    backend.expectOne('/api/me/mfa').flush(REAUTH_PROBLEM, reauthRequired);
    await dialogLoaded();
    expect(open).toHaveBeenCalledTimes(2);
    answer(true);
    backend.expectOne('/api/me/mfa').flush(null, { status: 204, statusText: 'No Content' });
    await expect(second).resolves.toBeNull();
  });

  it('sends a request refused for the old window again without asking, once someone has confirmed', async () => {
    let now = 1_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const early = firstValueFrom(http.post('/api/me/mfa/backup-codes', {}));
    const slow = firstValueFrom(http.post('/api/me/api-tokens', {}));
    backend.expectOne('/api/me/mfa/backup-codes').flush(REAUTH_PROBLEM, reauthRequired);
    await dialogLoaded();
    now = 2_000;
    answer(true);
    backend.expectOne('/api/me/mfa/backup-codes').flush({ ok: 1 });
    await expect(early).resolves.toEqual({ ok: 1 });

    // Sent before the confirmation, answered after it: the API judged it by the window that just closed.
    backend.expectOne('/api/me/api-tokens').flush(REAUTH_PROBLEM, reauthRequired);
    await dialogLoaded();
    backend.expectOne('/api/me/api-tokens').flush({ ok: 2 });
    await expect(slow).resolves.toEqual({ ok: 2 });
    expect(open).toHaveBeenCalledTimes(1);
    jest.restoreAllMocks();
  });

  it('reads the problem of operations requested as text (their errors arrive unparsed)', async () => {
    const call = firstValueFrom(TestBed.inject(AccountSecurityService).disableMfa());
    const refused = backend.expectOne('/api/me/mfa');
    expect(refused.request.responseType).toBe('text');
    refused.flush(REAUTH_PROBLEM, reauthRequired);
    await dialogLoaded();
    expect(open).toHaveBeenCalledTimes(1);
    answer(true);
    backend.expectOne('/api/me/mfa').flush('', { status: 204, statusText: 'No Content' });
    await call; // 204: the generated client's void
  });

  it('leaves every other refusal alone', async () => {
    const call = firstValueFrom(http.get('/api/admin/users'));
    backend
      .expectOne('/api/admin/users')
      .flush({ ...REAUTH_PROBLEM, code: 'forbidden' }, { status: 403, statusText: 'Forbidden' });
    await expect(call).rejects.toMatchObject({ status: 403 });
    const login = firstValueFrom(http.post('/api/auth/reauth', { password: 'x' }));
    backend
      .expectOne('/api/auth/reauth')
      .flush({ code: 'reauthentication_failed' }, { status: 401, statusText: 'Unauthorized' });
    await expect(login).rejects.toMatchObject({ status: 401 });
    await dialogLoaded();
    expect(open).not.toHaveBeenCalled();
  });

  it("fails the request with the original answer when the dialog's code cannot be loaded", async () => {
    loadDialog.mockRejectedValue(new Error('ChunkLoadError'));
    const call = firstValueFrom(http.delete('/api/me/mfa'));
    backend.expectOne('/api/me/mfa').flush(REAUTH_PROBLEM, reauthRequired);
    await expect(call).rejects.toMatchObject({ status: 403, error: REAUTH_PROBLEM });
    expect(open).not.toHaveBeenCalled();
  });
});
