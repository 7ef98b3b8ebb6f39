import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { of, Subject } from 'rxjs';
import { AccountAction, accountAction, type AccountActionOptions } from './account-action';
import { AccountChanges } from './account-changes';

const problem = (status: number, body: Record<string, unknown>) =>
  new HttpErrorResponse({ status, error: { type: 'about:blank', status, ...body } });

const REAUTH_CANCELLED = problem(403, {
  code: 'reauthentication_required',
  detail: 'Confirm it is you: enter your password or an authenticator code, then try again.',
});
const CONFLICT = problem(409, { code: 'mfa_already_enabled', detail: 'Two-factor authentication is on.' });
const INVALID_EMAIL = problem(422, {
  detail: 'Some fields are not valid.',
  errors: [{ field: 'newEmail', detail: 'That address is already in use.' }],
});

describe('accountAction', () => {
  let confirmed: boolean | undefined;
  let open: jest.Mock;
  let changes: AccountChanges;

  beforeEach(() => {
    confirmed = true;
    open = jest.fn(() => ({ afterClosed: () => of(confirmed) }));
    TestBed.configureTestingModule({
      providers: [AccountChanges, { provide: MatDialog, useValue: { open } }],
    });
    changes = TestBed.inject(AccountChanges);
  });

  const create = <Key extends string = string>(parallel = false): AccountAction<Key> =>
    TestBed.runInInjectionContext(() => accountAction<Key>({ parallel }));

  /** Runs an action whose answer the test gives through the returned subject. */
  function start<T>(action: AccountAction, key: string, options: AccountActionOptions<T> = {}) {
    const answer = new Subject<T>();
    const request = jest.fn(() => answer);
    action.run(key, request, options);
    return { answer, request };
  }

  function succeed<T>(answer: Subject<T>, value: T): void {
    answer.next(value);
    answer.complete();
  }

  it('is busy with its key until the answer, then hands the answer over and counts the change', () => {
    const action = create();
    const done = jest.fn();
    const { answer, request } = start(action, 'save', { done });
    expect(request).toHaveBeenCalledTimes(1);
    expect(action.busy()).toBe('save');
    expect(action.isBusy('save')).toBe(true);

    succeed(answer, { id: 1 });
    expect(action.busy()).toBeNull();
    expect(done).toHaveBeenCalledWith({ id: 1 });
    expect(changes.version()).toBe(1);
  });

  it("shows the problem's detail when the API refuses, and lets the panel react", () => {
    const action = create();
    const failed = jest.fn();
    const { answer } = start(action, 'turn-on', { failed });
    answer.error(CONFLICT);
    expect(action.busy()).toBeNull();
    expect(action.error()).toBe('Two-factor authentication is on.');
    expect(failed).toHaveBeenCalledWith(CONFLICT);
    expect(changes.version()).toBe(0);
  });

  it('says nothing when "Confirm it\'s you" was cancelled (the interceptor fails the request with its 403)', () => {
    const action = create();
    start(action, 'turn-off').answer.error(REAUTH_CANCELLED);
    expect(action.error()).toBeNull();
    expect(action.busy()).toBeNull();
  });

  it("words a failure the panel's way when it says how", () => {
    const action = create();
    start(action, 'create', { message: () => 'Pick another name.' }).answer.error(CONFLICT);
    expect(action.error()).toBe('Pick another name.');
  });

  it("puts a 422's message beside the form's field, or in the alert for a field the form does not show", () => {
    const action = create();
    start(action, 'request', { fields: ['newEmail'] }).answer.error(INVALID_EMAIL);
    expect(action.fieldErrors()).toEqual({ newEmail: 'That address is already in use.' });
    expect(action.error()).toBeNull();

    start(action, 'save', { fields: ['displayName'] }).answer.error(INVALID_EMAIL);
    expect(action.fieldErrors()).toEqual({});
    expect(action.error()).toBe('Some fields are not valid.');
  });

  it('clears the previous messages when an action starts', () => {
    const action = create();
    action.error.set('Pick at least one scope.');
    action.fieldErrors.set({ timeZone: 'Pick a time zone from the list.' });
    start(action, 'save');
    expect(action.error()).toBeNull();
    expect(action.fieldErrors()).toEqual({});
  });

  it('asks first when the action takes something away, and does nothing unless confirmed', () => {
    const action = create();
    const question = {
      title: 'Sign out everywhere?',
      message: 'Every session ends.',
      confirmLabel: 'Sign out',
    };
    confirmed = false;
    const refused = start(action, 'all', { confirm: question });
    expect(open).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ data: question }));
    expect(refused.request).not.toHaveBeenCalled();
    expect(action.busy()).toBeNull();

    confirmed = true;
    const accepted = start(action, 'all', { confirm: question });
    expect(accepted.request).toHaveBeenCalledTimes(1);
    expect(action.busy()).toBe('all');
  });

  it('runs one change at a time', () => {
    const action = create();
    const first = start(action, 'new-codes');
    const second = start(action, 'turn-off');
    expect(second.request).not.toHaveBeenCalled();
    succeed(first.answer, null);
    expect(start(action, 'turn-off').request).toHaveBeenCalledTimes(1);
  });

  it('runs actions of different keys side by side when parallel, each key once at a time', () => {
    const action = create(true);
    const marketing = start(action, 'marketing');
    const runs = start(action, 'runs');
    expect(runs.request).toHaveBeenCalledTimes(1);
    expect(start(action, 'marketing').request).not.toHaveBeenCalled();
    expect(action.busy()).toBe('runs');

    succeed(runs.answer, null);
    expect(action.isBusy('runs')).toBe(false);
    expect(action.isBusy('marketing')).toBe(true);
    expect(action.busy()).toBe('marketing');
    succeed(marketing.answer, null);
    expect(action.busy()).toBeNull();
  });

  it('counts no change for preferences, and stays busy when success leaves the page', () => {
    const action = create();
    const preference = start(action, 'save', { recorded: false });
    succeed(preference.answer, null);
    expect(changes.version()).toBe(0);

    const leaving = start(action, 'github', { recorded: false, leavesPage: true });
    succeed(leaving.answer, { authorizationUrl: 'https://github.example/authorize' });
    expect(action.busy()).toBe('github');
  });

  it('works without the Account page around it (a dialog), counting nothing', () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [{ provide: MatDialog, useValue: { open } }] });
    const action = create();
    const { answer } = start(action, 'confirm');
    succeed(answer, null);
    expect(action.busy()).toBeNull();
  });
});
