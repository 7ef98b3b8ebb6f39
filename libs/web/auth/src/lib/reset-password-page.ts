import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH } from '@huntkit/shared/password-policy';
import { AuthService } from '@huntkit/web/api-client';
import { problemDetail } from '@huntkit/web/session';
import { FormAlert } from '@huntkit/web/ui';
import { AuthCard } from './auth-card';
import { newPasswordError } from '@huntkit/shared/password-policy';
import { PasswordStrengthMeter } from './password-strength-meter';

@Component({
  selector: 'hk-reset-password-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    AuthCard,
    FormAlert,
    PasswordStrengthMeter,
  ],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <hk-auth-card [heading]="done() ? 'Password changed' : 'Choose a new password'">
      @if (done()) {
        <p class="lead">Every other session was signed out. Sign in with your new password.</p>
        <a mat-flat-button class="submit" routerLink="/sign-in">Sign in</a>
      } @else {
        <p class="lead">At least 8 characters. A few unrelated words make a strong one.</p>
        <hk-form-alert [message]="error()" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="new-password"
              aria-describedby="password-strength"
              required
            />
          </mat-form-field>
          <hk-password-strength id="password-strength" [password]="password()" />
          <mat-form-field appearance="outline">
            <mat-label>Repeat the new password</mat-label>
            <input matInput type="password" formControlName="confirm" autocomplete="new-password" required />
          </mat-form-field>
          <button mat-flat-button class="submit" type="submit" [attr.aria-busy]="sending()">
            Change password
          </button>
        </form>
      }
      <p footer><a routerLink="/forgot-password">Ask for a new link</a></p>
    </hk-auth-card>
  `,
  styleUrl: './auth-form.scss',
})
export class ResetPasswordPage {
  private readonly auth = inject(AuthService);

  /** From the link in the mail (bound from the query string by the router). */
  readonly token = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    confirm: ['', Validators.required],
  });
  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly password = computed(() => this.values().password ?? '');
  protected readonly sending = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal<string | null>(null);

  /** The same rules as the API, checked before sending (the common-password list loads on first use). */
  protected async submit(): Promise<void> {
    if (this.sending()) return;
    // Busy before the first await, so a double click cannot send the link twice.
    this.sending.set(true);
    const { password, confirm } = this.form.getRawValue();
    const token = this.token();
    const problem =
      (await newPasswordError(password, confirm)) ??
      (token ? null : 'This link is incomplete. Ask for a new one.');
    this.error.set(problem);
    if (problem || !token) {
      this.sending.set(false);
      return;
    }
    this.auth.resetPassword({ body: { token, password } }).subscribe({
      next: () => this.done.set(true),
      error: (error: unknown) => {
        this.error.set(problemDetail(error));
        this.sending.set(false);
      },
    });
  }
}
