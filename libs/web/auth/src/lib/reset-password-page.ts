import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_PROBLEM_MESSAGES,
} from '@huntkit/shared/password-policy';
import { AuthService } from '@huntkit/web/api-client';
import { problemDetail } from '@huntkit/web/session';
import { AuthCard, FormAlert } from './auth-card';

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
            <input matInput type="password" formControlName="password" autocomplete="new-password" required />
          </mat-form-field>
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
  protected readonly sending = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal<string | null>(null);

  /** The same rules as the API, checked before sending (the common-password list loads on first use). */
  protected async submit(): Promise<void> {
    if (this.sending()) return;
    const { password, confirm } = this.form.getRawValue();
    const [problem] = await checkPassword(password);
    if (problem) return this.error.set(PASSWORD_PROBLEM_MESSAGES[problem]);
    if (password !== confirm) return this.error.set('The two passwords are not the same.');
    const token = this.token();
    if (!token) return this.error.set('This link is incomplete. Ask for a new one.');
    this.sending.set(true);
    this.error.set(null);
    this.auth.resetPassword({ body: { token, password } }).subscribe({
      next: () => this.done.set(true),
      error: (error: unknown) => {
        this.error.set(problemDetail(error));
        this.sending.set(false);
      },
    });
  }
}
