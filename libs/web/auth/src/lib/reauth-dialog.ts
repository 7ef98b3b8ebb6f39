import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { AccountSecurityService, AuthService, type ReauthDto } from '@huntkit/web/api-client';
import { problemSummary } from '@huntkit/web/session';
import { SecondFactorEntry, SecondFactorField } from '@huntkit/web/ui';
import { catchError, map, of } from 'rxjs';

type Method = 'password' | 'second-factor';

/**
 * "Confirm it's you" (opened by the session's re-auth interceptor, which the app hands this dialog):
 * proves again who is at the keyboard (password, or a code for accounts with
 * two-factor authentication) and closes with `true` once the API has opened the re-auth window.
 */
@Component({
  selector: 'hk-reauth-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    SecondFactorField,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Confirm it’s you</h2>
    <mat-dialog-content>
      <p class="lead">
        This is a sensitive change. Enter your password{{
          mfaEnabled() ? ' or a code from your authenticator app' : ''
        }}
        to go on; you will not be asked again for a few minutes.
      </p>
      @if (mfaEnabled()) {
        <mat-button-toggle-group
          class="methods"
          aria-label="How to confirm"
          hideSingleSelectionIndicator
          [value]="method()"
          (change)="useMethod($event.value)"
        >
          <mat-button-toggle value="password">Password</mat-button-toggle>
          <mat-button-toggle value="second-factor">Authenticator app</mat-button-toggle>
        </mat-button-toggle-group>
      }
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <form id="hk-reauth-form" [formGroup]="form" (ngSubmit)="confirm()" novalidate>
        @if (method() === 'password') {
          <mat-form-field appearance="outline">
            <mat-label>Password</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="current-password"
              required
            />
            @if (form.controls.password.invalid) {
              <mat-error>Enter your password.</mat-error>
            }
          </mat-form-field>
        } @else {
          <hk-second-factor-field [entry]="secondFactor" />
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
      <button mat-flat-button type="submit" form="hk-reauth-form" [attr.aria-busy]="confirming()">
        {{ confirming() ? 'Confirming…' : 'Confirm' }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .lead {
      margin: 0 0 1.25rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .methods {
      display: flex;
      margin-bottom: 1.25rem;
    }
    .methods mat-button-toggle {
      flex: 1;
    }
    form {
      display: flex;
      flex-direction: column;
    }
    mat-form-field {
      width: 100%;
    }
    /* hk-form-alert's colours without its icon and wide margins, which the narrow dialog has no room for. */
    .error {
      margin: 0 0 1rem;
      padding: 0.75rem 1rem;
      border-radius: 12px;
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
    }
  `,
})
export class ReauthDialog {
  private readonly auth = inject(AuthService);
  private readonly dialog = inject<MatDialogRef<ReauthDialog, boolean>>(MatDialogRef);

  /** Only accounts with two-factor authentication may answer with a code; unknown means password only. */
  protected readonly mfaEnabled = toSignal(
    inject(AccountSecurityService)
      .getMfaStatus()
      .pipe(
        map((status) => status.enabled),
        catchError(() => of(false)),
      ),
    { initialValue: false },
  );
  protected readonly method = signal<Method>('password');
  protected readonly secondFactor = new SecondFactorEntry();
  protected readonly form = new FormGroup({
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    answer: this.secondFactor.control,
  });
  protected readonly confirming = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.useMethod('password');
  }

  protected useMethod(method: Method): void {
    this.method.set(method);
    this.error.set(null);
    // Only the shown field counts towards the form being valid.
    const [shown, hidden] =
      method === 'password'
        ? [this.form.controls.password, this.form.controls.answer]
        : [this.form.controls.answer, this.form.controls.password];
    shown.enable();
    hidden.disable();
  }

  protected confirm(): void {
    if (this.confirming()) return; // one try per press: wrong passwords count towards a lock-out
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const proof: ReauthDto =
      this.method() === 'password'
        ? { password: this.form.controls.password.value }
        : this.secondFactor.proof();
    this.confirming.set(true);
    this.error.set(null);
    this.auth.reauthenticate({ body: proof }).subscribe({
      next: () => this.dialog.close(true),
      error: (error: unknown) => {
        this.error.set(problemSummary(error));
        this.confirming.set(false);
      },
    });
  }
}
