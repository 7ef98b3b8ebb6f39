import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH } from '@huntkit/shared/password-policy';
import { AuthService } from '@huntkit/web/api-client';
import { problemFieldErrors, problemSummary } from '@huntkit/web/session';
import { FormAlert } from '@huntkit/web/ui';
import { AuthCard } from './auth-card';
import { HumanCheckWidget } from './human-check-widget';
import { RevealPassword } from './reveal-password';
import { newPasswordError } from '@huntkit/shared/password-policy';
import { PasswordStrengthMeter } from './password-strength-meter';
import { ResendCooldown } from './resend-cooldown';
import { SocialSignIn } from './social-sign-in';

/** The browser's IANA zone, so dates and the daily credit reset follow the new user's clock. */
function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

@Component({
  selector: 'hk-sign-up-page',
  imports: [
    HumanCheckWidget,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    AuthCard,
    FormAlert,
    RevealPassword,
    PasswordStrengthMeter,
    SocialSignIn,
  ],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-up-page.html',
  styleUrl: './auth-form.scss',
})
export class SignUpPage {
  private readonly auth = inject(AuthService);

  /** Where a sign-up with Google or GitHub lands (from the query string, bound by the router). */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.maxLength(80)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
    confirm: ['', Validators.required],
  });
  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly password = computed(() => this.values().password ?? '');
  protected readonly userInputs = computed(() =>
    [this.values().email ?? '', this.values().displayName ?? ''].filter(Boolean),
  );

  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly showPassword = signal(false);
  /** Set once the API accepted the sign-up: the page turns into "check your inbox". */
  protected readonly sentTo = signal<string | null>(null);
  protected readonly resend = new ResendCooldown(this.auth);

  protected async submit(): Promise<void> {
    if (this.submitting()) return; // a double click signs up once
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    // Busy before the first await, so a double click cannot slip a second sign-up in meanwhile.
    this.submitting.set(true);
    const { displayName, email, password, confirm } = this.form.getRawValue();
    const passwordError = await newPasswordError(password, confirm);
    this.error.set(passwordError);
    if (passwordError) {
      this.submitting.set(false);
      return;
    }
    this.auth.register({ body: { displayName, email, password, timeZone: browserTimeZone() } }).subscribe({
      next: () => {
        this.sentTo.set(email.trim());
        this.resend.startCooldown();
      },
      error: (error: unknown) => {
        const fields = problemFieldErrors(error);
        for (const [field, message] of Object.entries(fields)) {
          this.form.get(field)?.setErrors({ server: message });
        }
        this.error.set(problemSummary(error));
        this.submitting.set(false);
      },
    });
  }
}
