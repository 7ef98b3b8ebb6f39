import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { AuthService } from '@huntkit/web/api-client';
import { problemDetail } from '@huntkit/web/session';
import { FormAlert } from '@huntkit/web/ui';
import { AuthCard } from './auth-card';
import { HumanCheckWidget } from './human-check-widget';

@Component({
  selector: 'hk-forgot-password-page',
  imports: [
    HumanCheckWidget,
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
    <hk-auth-card [heading]="sent() ? 'Check your inbox' : 'Forgot your password?'">
      @if (sent()) {
        <p class="lead">
          If an account uses that address, a reset link is on its way. It works once, for 30 minutes.
        </p>
      } @else {
        <p class="lead">We will mail you a link to choose a new one.</p>
        <hk-form-alert [message]="error()" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" required />
            @if (form.controls.email.invalid) {
              <mat-error>Enter a valid email address.</mat-error>
            }
          </mat-form-field>
          <hk-human-check />
          <button mat-flat-button class="submit" type="submit" [attr.aria-busy]="sending()">
            Send the link
          </button>
        </form>
      }
      <p footer><a routerLink="/sign-in">Back to sign in</a></p>
    </hk-auth-card>
  `,
  styleUrl: './auth-form.scss',
})
export class ForgotPasswordPage {
  private readonly auth = inject(AuthService);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
  });
  protected readonly sending = signal(false);
  protected readonly sent = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.sending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.sending.set(true);
    this.auth.forgotPassword({ body: this.form.getRawValue() }).subscribe({
      next: () => this.sent.set(true),
      error: (error: unknown) => {
        this.error.set(problemDetail(error));
        this.sending.set(false);
      },
    });
  }
}
