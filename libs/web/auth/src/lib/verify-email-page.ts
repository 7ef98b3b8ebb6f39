import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '@huntkit/web/api-client';
import { problemDetail, SessionStore } from '@huntkit/web/session';
import { FormAlert } from '@huntkit/web/ui';
import { AuthCard } from './auth-card';
import { HumanCheckWidget } from './human-check-widget';

type State = 'verifying' | 'failed' | 'resent';

const HEADINGS: Record<State, string> = {
  verifying: 'Confirming your email…',
  failed: 'This link did not work',
  resent: 'Check your inbox',
};

@Component({
  selector: 'hk-verify-email-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    AuthCard,
    FormAlert,
    HumanCheckWidget,
  ],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './verify-email-page.html',
  styleUrl: './auth-form.scss',
})
export class VerifyEmailPage implements OnInit {
  private readonly session = inject(SessionStore);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** From the link in the mail (bound from the query string by the router). */
  readonly token = input<string>();

  protected readonly state = signal<State>('verifying');
  protected readonly heading = computed(() => HEADINGS[this.state()]);
  protected readonly error = signal<string | null>(null);
  protected readonly sending = signal(false);
  protected readonly resendForm = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });

  ngOnInit(): void {
    const token = this.token();
    if (!token) {
      this.fail('This link is incomplete. Ask for a new one below.');
      return;
    }
    this.session.verifyEmail(token).subscribe({
      next: () => void this.router.navigateByUrl('/tools'),
      error: (error: unknown) => this.fail(problemDetail(error)),
    });
  }

  protected resend(): void {
    if (this.sending() || this.resendForm.invalid) {
      this.resendForm.markAllAsTouched();
      return;
    }
    this.sending.set(true);
    this.auth.resendVerification({ body: this.resendForm.getRawValue() }).subscribe({
      next: () => this.state.set('resent'),
      error: (error: unknown) => {
        this.error.set(problemDetail(error));
        this.sending.set(false);
      },
    });
  }

  private fail(message: string): void {
    this.error.set(message);
    this.state.set('failed');
  }
}
