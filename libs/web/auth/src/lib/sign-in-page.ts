import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  inject,
  Injector,
  input,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import type { SignInChallengeDto } from '@huntkit/web/api-client';
import {
  problemCode,
  problemDetail,
  secondFactorError,
  SessionStore,
  type SignInStep,
} from '@huntkit/web/session';
import type { Observable } from 'rxjs';
import { FormAlert, SecondFactorEntry, SecondFactorField } from '@huntkit/web/ui';
import { AuthCard } from './auth-card';
import { GoogleOneTap, type OneTapCredential } from './google-one-tap';
import { HumanCheckWidget } from './human-check-widget';
import { RevealPassword } from './reveal-password';
import { safeReturnUrl } from './return-url';
import { SocialSignIn, socialSignInError } from './social-sign-in';

@Component({
  selector: 'hk-sign-in-page',
  imports: [
    GoogleOneTap,
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
    SecondFactorField,
    SocialSignIn,
  ],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in-page.html',
  styleUrl: './auth-form.scss',
})
export class SignInPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  /** Where to go after signing in, from the query string (bound by the router). */
  readonly returnUrl = input<string>();
  /** Why signing in at Google or GitHub failed (`?error=<code>`, set by the API's callback). */
  readonly error = input<string>();
  /**
   * A provider sign-in of an account with two-factor authentication (`?challenge=<id>`, set by the
   * API's callback): the page opens on the code step for it, as after a right password.
   */
  readonly challenge = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    password: ['', [Validators.required, Validators.maxLength(1024)]],
  });
  /** Set while the password (or the provider) was right and the account's authenticator code is awaited. */
  protected readonly openChallenge = linkedSignal<Pick<SignInChallengeDto, 'id'> | null>(() => {
    const id = this.challenge();
    return id ? { id } : null;
  });
  protected readonly secondFactor = new SecondFactorEntry();
  protected readonly secondStep = new FormGroup({ answer: this.secondFactor.control });
  private readonly secondFactorField = viewChild(SecondFactorField);

  protected readonly submitting = signal(false);
  protected readonly alert = linkedSignal(() => socialSignInError(this.error()));
  protected readonly showPassword = signal(false);
  /**
   * The API asks for the Turnstile check only after wrong passwords for this address, so the widget
   * appears only once it has asked: a hunter who types the password right never sees it.
   */
  protected readonly humanCheckAsked = signal(false);

  constructor() {
    // Opened on the code step (from a provider): put the cursor where the code goes.
    afterNextRender(() => {
      if (this.openChallenge()) this.secondFactorField()?.focus();
    });
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.send(this.session.signIn(email, password));
  }

  /** Google One Tap handed the page an account: sign in with it, as with a password. */
  protected oneTap({ credential, csrfToken }: OneTapCredential): void {
    this.send(this.session.signInWithOneTap(credential, csrfToken));
  }

  protected verify(): void {
    const challenge = this.openChallenge();
    if (!challenge) return;
    if (this.secondStep.invalid) {
      this.secondStep.markAllAsTouched();
      return;
    }
    this.send(this.session.completeSecondFactor(challenge.id, this.secondFactor.proof()));
  }

  /** Back to email and password, which is where a new challenge comes from. */
  protected backToPassword(message: string | null = null): void {
    this.openChallenge.set(null);
    this.alert.set(message);
    this.secondFactor.useKind('code');
    this.secondStep.reset();
  }

  /** Both steps end here: a double click signs in once, and success goes where a sign-in goes. */
  private send(step: Observable<SignInStep>): void {
    if (this.submitting()) return;
    this.submitting.set(true);
    this.alert.set(null);
    step.subscribe({
      next: (result) => {
        if (result.status === 'signed_in') {
          void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
          return;
        }
        this.submitting.set(false);
        this.openChallenge.set(result.challenge);
        // The code field replaces the password form; put the cursor where the code goes.
        afterNextRender(() => this.secondFactorField()?.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        if (problemCode(error)?.startsWith('human_check_')) this.humanCheckAsked.set(true);
        if (!this.openChallenge()) this.alert.set(problemDetail(error));
        else if (problemCode(error) === 'mfa_challenge_ended') this.backToPassword(problemDetail(error));
        else this.alert.set(secondFactorError(error));
      },
    });
  }
}
