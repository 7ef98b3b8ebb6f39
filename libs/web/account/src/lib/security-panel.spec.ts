import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { provideApiConfiguration } from '@huntkit/web/api-client';
import { backupCodesFile } from './backup-codes';
import { groupSecret } from './mfa-enrollment-dialog';
import { SecurityPanel } from './security-panel';
import { AccountChanges } from './account-changes';

const ON = { enabled: true, enabledAt: '2026-03-02T10:00:00.000Z', backupCodesLeft: 10 };
const OFF = { enabled: false, enabledAt: null, backupCodesLeft: 0 };
const CODES = Array.from({ length: 10 }, (_, i) => `ABCD${i}-EFGH${i}`);
const ENROLLMENT = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUri: 'otpauth://totp/Huntkit:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Huntkit',
  qrCodeDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
};
const MFA = '/api/me/mfa';

/**
 * Lets timers, dialogs and change detection run. (Not `whenStable()`: a loading resource counts as
 * pending work, and the status request stays open until a test answers it.)
 */
async function stable(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

describe('SecurityPanel', () => {
  let fixture: ComponentFixture<SecurityPanel>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiConfiguration(''),
        AccountChanges,
        // jsdom plays no animations: without this, a dialog would wait for one that never ends.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SecurityPanel);
    element = fixture.nativeElement as HTMLElement;
    await stable();
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  const text = () => element.textContent?.replace(/\s+/g, ' ') ?? '';
  const dialog = (selector: string) => document.querySelector(selector) as HTMLElement | null;
  const button = (root: Element | null, name: RegExp) =>
    Array.from(root?.querySelectorAll('button') ?? []).find((b) => name.test(b.textContent ?? '')) as
      | HTMLButtonElement
      | undefined;
  async function press(root: Element | null, name: RegExp): Promise<void> {
    const target = button(root, name);
    if (!target) throw new Error(`No button ${name}`);
    target.click();
    await stable();
  }
  async function showing(status: object): Promise<void> {
    backend.expectOne(MFA).flush(status);
    await stable();
  }

  it('shows that it is loading, then that two-factor authentication is off', async () => {
    expect(text()).toContain('Checking two-factor authentication…');
    await showing(OFF);
    expect(text()).toContain('Off');
    expect(text()).toContain('Signing in needs only your password.');
    expect(button(element, /Turn on/)).toBeDefined();
    expect(button(element, /Turn off/)).toBeUndefined();
  });

  it('offers another try when the status cannot be loaded', async () => {
    backend.expectOne(MFA).flush({ code: 'internal' }, { status: 500, statusText: 'Server Error' });
    await stable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'The two-factor authentication status could not be loaded.',
    );
    await press(element, /Try again/);
    await showing(ON);
    expect(text()).toContain('On');
  });

  it('tells since when it is on and how many backup codes are left', async () => {
    await showing(ON);
    expect(text()).toContain('Since Mar 2, 2026');
    expect(text()).toContain('10 backup codes left');
    expect(element.querySelector('.warning')).toBeNull();
    expect(button(element, /New backup codes/)).toBeDefined();
    expect(button(element, /Turn off/)).toBeDefined();
  });

  it.each([
    [4, null],
    [3, 'Only 3 backup codes are left.'],
    [1, 'Only 1 backup code is left.'],
    [0, 'You have no backup codes left.'],
  ])('with %i backup codes left, warns: %s', async (left, warning) => {
    await showing({ ...ON, backupCodesLeft: left });
    const note = element.querySelector('.warning[role="note"]');
    if (warning === null) expect(note).toBeNull();
    else expect(note?.textContent?.replace(/\s+/g, ' ')).toContain(warning);
  });

  it('turns on: connect the app, confirm a code, then the backup codes shown once', async () => {
    await showing(OFF);
    await press(element, /Turn on/);
    backend.expectOne(`${MFA}/enrollment`).flush(ENROLLMENT);
    await stable();

    const enrolment = dialog('hk-mfa-enrollment-dialog');
    expect(enrolment?.querySelector('img')?.getAttribute('alt')).toMatch(/QR code/);
    expect(enrolment?.querySelector('img')?.getAttribute('src')).toBe(ENROLLMENT.qrCodeDataUrl);
    expect(enrolment?.querySelector('[data-testid="mfa-secret"]')?.textContent?.trim()).toBe(
      groupSecret(ENROLLMENT.secret),
    );
    // Only the app counts here: a backup code cannot exist yet.
    expect(button(enrolment, /backup code/)).toBeUndefined();

    const code = enrolment?.querySelector('input') as HTMLInputElement;
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    code.value = '000000';
    code.dispatchEvent(new Event('input'));
    await press(enrolment, /^\s*Turn on\s*$/);
    backend
      .expectOne(`${MFA}/enrollment/confirm`)
      .flush(
        { code: 'invalid_code', detail: 'That code is not right, or it was already used.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await stable();
    expect(enrolment?.querySelector('[role="alert"]')?.textContent).toContain('That code is not right');

    code.value = '123456';
    code.dispatchEvent(new Event('input'));
    await press(enrolment, /^\s*Turn on\s*$/);
    const confirm = backend.expectOne(`${MFA}/enrollment/confirm`);
    expect(confirm.request.body).toEqual({ code: '123456' });
    confirm.flush({ backupCodes: CODES });
    await stable();

    const listed = Array.from(enrolment?.querySelectorAll('[data-testid="backup-codes"] li') ?? []);
    expect(listed.map((item) => item.textContent?.trim())).toEqual(CODES);
    expect(button(enrolment, /Download \.txt/)).toBeDefined();
    expect(button(enrolment, /Copy all/)).toBeDefined();
    const done = button(enrolment, /Done/);
    expect(done?.disabled).toBe(true);
    (enrolment?.querySelector('mat-checkbox input') as HTMLInputElement).click();
    await stable();
    expect(done?.disabled).toBe(false);
    await press(enrolment, /Done/);
    expect(dialog('hk-mfa-enrollment-dialog')).toBeNull();
    await showing(ON);
    expect(text()).toContain('10 backup codes left');
  });

  it('makes new backup codes after a confirmation, and shows them once', async () => {
    await showing({ ...ON, backupCodesLeft: 2 });
    await press(element, /New backup codes/);
    const question = dialog('hk-confirm-dialog');
    expect(question?.textContent).toContain('Your current backup codes stop working at once.');
    await press(question, /Make new codes/);
    backend.expectOne(`${MFA}/backup-codes`).flush({ backupCodes: CODES });
    await stable();
    await showing(ON);

    const shown = dialog('hk-backup-codes-dialog');
    expect(shown?.querySelectorAll('[data-testid="backup-codes"] li')).toHaveLength(10);
    expect(button(shown, /Done/)?.disabled).toBe(true);
  });

  it('turns off only once confirmed', async () => {
    await showing(ON);
    await press(element, /Turn off/);
    await press(dialog('hk-confirm-dialog'), /Cancel/);
    backend.expectNone(MFA);

    await press(element, /Turn off/);
    await press(dialog('hk-confirm-dialog'), /^\s*Turn off\s*$/);
    const off = backend.expectOne((request) => request.method === 'DELETE' && request.url === MFA);
    off.flush('', { status: 204, statusText: 'No Content' });
    await stable();
    await showing(OFF);
    expect(text()).toContain('Off');
  });

  it('says nothing when "Confirm it’s you" was cancelled, and explains any other failure', async () => {
    await showing(OFF);
    await press(element, /Turn on/);
    backend
      .expectOne(`${MFA}/enrollment`)
      .flush(
        { code: 'reauthentication_required', detail: 'Confirm it is you.' },
        { status: 403, statusText: 'Forbidden' },
      );
    await stable();
    expect(element.querySelector('hk-form-alert [role="alert"]')).toBeNull();
    expect(dialog('hk-mfa-enrollment-dialog')).toBeNull();

    await press(element, /Turn on/);
    backend
      .expectOne(`${MFA}/enrollment`)
      .flush(
        { code: 'mfa_already_enabled', detail: 'Two-factor authentication is already on.' },
        { status: 409, statusText: 'Conflict' },
      );
    await stable();
    expect(element.querySelector('hk-form-alert [role="alert"]')?.textContent).toContain('already on');
    await showing(ON);
  });
});

describe('backupCodesFile', () => {
  it('names the account and the date, and lists one code per line', () => {
    const file = backupCodesFile(
      ['AAAAA-BBBBB', 'CCCCC-DDDDD'],
      'ada@example.com',
      new Date('2026-03-02T10:00:00Z'),
    );
    expect(file).toContain('Account: ada@example.com');
    expect(file).toContain('Created: 2026-03-02');
    expect(file.split('\n')).toEqual(expect.arrayContaining(['AAAAA-BBBBB', 'CCCCC-DDDDD']));
  });
});
