import { computed, inject, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { isReauthenticationRequired, problemDetail, problemFieldErrors } from '@huntkit/web/session';
import { ConfirmDialog, type ConfirmDialogData } from '@huntkit/web/ui';
import { filter, type Observable } from 'rxjs';
import { AccountChanges } from './account-changes';

/**
 * The default message of a failure: the problem's detail, or nothing when the person cancelled
 * "Confirm it's you". The re-auth interceptor asks for that, sends the request again once confirmed,
 * and fails it with the API's 403 only when they cancelled: a choice, not a failure worth a red message.
 */
export function accountActionFailure(error: unknown): string | null {
  return isReauthenticationRequired(error) ? null : problemDetail(error);
}

export interface AccountActionOptions<T> {
  /** Asked first in the shared "Are you sure?" dialog; the action starts only once confirmed. */
  confirm?: ConfirmDialogData;
  /** Success. The action is no longer busy by then (unless `leavesPage`). */
  done?: (answer: T) => void;
  /** After the failure's message is shown: e.g. reload what the API says has changed meanwhile. */
  failed?: (error: unknown) => void;
  /** The alert's message for a failure; null shows none. `accountActionFailure` unless given. */
  message?: (error: unknown) => string | null;
  /** The form's fields: a 422 naming any of them shows beside them (`fieldErrors`), not in the alert. */
  fields?: readonly string[];
  /**
   * Whether success is a change the security history on the same page should show at once
   * (`AccountChanges`). True unless said otherwise; saving a preference is no security event.
   */
  recorded?: boolean;
  /** Success navigates away from the app: the action stays busy ("Opening…") until the page goes. */
  leavesPage?: boolean;
}

/**
 * What every account panel does around a change: one change at a time (or one per row), which one is
 * busy, the confirmation first when it takes something away, the error from the API's problem+json
 * (none for a cancelled re-authentication), and the change counted for the security history once done.
 * Create it in a field initialiser (`accountAction()`), as it injects what it needs.
 */
export class AccountAction<Key extends string = string> {
  private readonly dialog = inject(MatDialog);
  /** Provided by the Account page; absent in dialogs, which open outside its injector. */
  private readonly changes = inject(AccountChanges, { optional: true });
  /** In the order they started; one at most unless `parallel`. */
  private readonly running = signal<readonly Key[]>([]);

  /** The action that started last and still runs (a button's key, a row's id), or null. */
  readonly busy = computed(() => this.running().at(-1) ?? null);
  /** The panel's alert. Panels set it too, for what they check before asking the API. */
  readonly error = signal<string | null>(null);
  /** A 422's messages by field name, for actions run with `fields`. Panels set it too. */
  readonly fieldErrors = signal<Record<string, string>>({});

  /**
   * @param parallel Actions with different keys may run side by side (one switch or row each); by
   * default one change at a time, as a panel's changes build on each other.
   */
  constructor(private readonly parallel = false) {}

  isBusy(key: Key): boolean {
    return this.running().includes(key);
  }

  /**
   * Runs `request` (called only when the action starts, so work it does starts with it) unless this
   * action, or without `parallel` any other, is still running; with `confirm`, once the person said yes.
   */
  run<T>(key: Key, request: () => Observable<T>, options: AccountActionOptions<T> = {}): void {
    if (!options.confirm) {
      this.start(key, request, options);
      return;
    }
    ConfirmDialog.ask(this.dialog, options.confirm)
      .pipe(filter(Boolean))
      .subscribe(() => this.start(key, request, options));
  }

  private start<T>(key: Key, request: () => Observable<T>, options: AccountActionOptions<T>): void {
    if (this.parallel ? this.isBusy(key) : this.running().length) return;
    this.running.update((keys) => [...keys, key]);
    this.error.set(null);
    this.fieldErrors.set({});
    const answer = request();
    const recorded = options.recorded !== false && this.changes;
    (recorded ? answer.pipe(recorded.recorded()) : answer).subscribe({
      next: (value) => {
        if (!options.leavesPage) this.finish(key);
        options.done?.(value);
      },
      error: (error: unknown) => {
        this.finish(key);
        this.fail(error, options);
      },
    });
  }

  private finish(key: Key): void {
    this.running.update((keys) => keys.filter((running) => running !== key));
  }

  private fail<T>(error: unknown, options: AccountActionOptions<T>): void {
    const fields = Object.entries(problemFieldErrors(error)).filter(([field]) =>
      options.fields?.includes(field),
    );
    if (fields.length) this.fieldErrors.set(Object.fromEntries(fields));
    else this.error.set((options.message ?? accountActionFailure)(error));
    options.failed?.(error);
  }
}

/** `private readonly action = accountAction<'save'>();` in a panel's fields. */
export function accountAction<Key extends string = string>(options: { parallel?: boolean } = {}) {
  return new AccountAction<Key>(options.parallel);
}
