import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { AuthService } from '@huntkit/web/api-client';
import { problemDetail } from '@huntkit/web/session';
import { Logo } from '@huntkit/web/ui';

@Component({
  selector: 'hk-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, Logo],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="wrap">
      <section class="card" aria-labelledby="forgot-title">
        <hk-logo [markOnly]="true" />
        @if (sent()) {
          <h1 id="forgot-title">Check your inbox</h1>
          <p class="lead">
            If an account uses that address, a reset link is on its way. It works once, for 30 minutes.
          </p>
        } @else {
          <h1 id="forgot-title">Forgot your password?</h1>
          <p class="lead">We will mail you a link to choose a new one.</p>
          @if (error(); as message) {
            <div class="alert" role="alert">
              <span class="material-symbols-outlined" aria-hidden="true">error</span
              ><span>{{ message }}</span>
            </div>
          }
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
            <mat-form-field appearance="outline">
              <mat-label>Email</mat-label>
              <input matInput type="email" formControlName="email" autocomplete="email" required />
              @if (form.controls.email.invalid) {
                <mat-error>Enter a valid email address.</mat-error>
              }
            </mat-form-field>
            <button mat-flat-button class="submit" type="submit" [attr.aria-busy]="sending()">
              Send the link
            </button>
          </form>
        }
        <p class="foot"><a routerLink="/sign-in">Back to sign in</a></p>
      </section>
    </div>
  `,
  styleUrl: './sign-in-page.scss',
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
