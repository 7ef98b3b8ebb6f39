import { ChangeDetectionStrategy, Component, computed, inject, Injectable, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { SIGN_IN_PROVIDER_NAMES, type SignInProvider } from '@huntkit/shared/brand';
import { ApiConfiguration, AuthService, type SignInProvidersDto } from '@huntkit/web/api-client';
import { SocialIcon } from '@huntkit/web/ui';
import { catchError, type Observable, of, shareReplay } from 'rxjs';
import { safeReturnUrl } from './return-url';

const PROVIDERS = Object.entries(SIGN_IN_PROVIDER_NAMES).map(([id, name]) => ({
  id: id as SignInProvider,
  name,
}));

/** Why signing in at a provider failed, from the code the API put in `/sign-in?error=…`. */
const SOCIAL_SIGN_IN_ERRORS: Record<string, string> = {
  provider_refused: 'The provider did not confirm your sign-in, or it was cancelled. Try again.',
  sign_in_expired: 'Signing in took too long, or was started in another browser. Try again.',
  social_email_unverified:
    'That account has no verified email address at the provider. Verify one there, or sign up with email.',
  provider_already_linked:
    'Your Huntkit account is connected to another account of that provider. Sign in with that one, or with your password.',
  account_deactivated: 'This account has been deactivated. Contact support if you think this is a mistake.',
  session_ended: 'Your sign-in ended before it finished. Sign in again.',
};
const GENERIC_SOCIAL_ERROR = 'Signing in with that provider did not work. Try again.';

/** The message for `/sign-in?error=<code>`; null when the page was opened without one. */
export function socialSignInError(code: string | undefined): string | null {
  if (!code) return null;
  return Object.hasOwn(SOCIAL_SIGN_IN_ERRORS, code) ? SOCIAL_SIGN_IN_ERRORS[code] : GENERIC_SOCIAL_ERROR;
}

/**
 * Which providers this site has configured, asked once per visit: the sign-in and sign-up pages (and
 * the sign-in page's way back from its code step) draw their buttons at once from the first answer.
 * A failed answer offers none and is asked again next time.
 */
@Injectable({ providedIn: 'root' })
export class SignInProviders {
  private readonly auth = inject(AuthService);
  private answer: Observable<SignInProvidersDto | null> | null = null;

  load(): Observable<SignInProvidersDto | null> {
    this.answer ??= this.auth.listSignInProviders().pipe(
      catchError(() => {
        this.answer = null;
        return of(null);
      }),
      shareReplay(1),
    );
    return this.answer;
  }
}

/**
 * "Continue with Google / GitHub" for the providers this site has configured, then an "or" before the
 * email form. The buttons are plain links: the API starts the provider's flow with a full navigation.
 * Nothing at all is drawn while no provider is configured (or the API cannot say).
 */
@Component({
  selector: 'hk-social-sign-in',
  imports: [MatButtonModule, SocialIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (available().length) {
      <div class="providers">
        @for (provider of available(); track provider.id) {
          <a mat-stroked-button class="provider" [href]="startUrl(provider.id)">
            <hk-social-icon [network]="provider.id" />
            <span>Continue with {{ provider.name }}</span>
          </a>
        }
      </div>
      <div class="divider"><span>or</span></div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .providers {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    .provider {
      --mat-button-outlined-container-height: 3rem;
      --mat-button-outlined-label-text-color: var(--mat-sys-on-surface);
      --mat-button-outlined-outline-color: var(--mat-sys-outline);
      width: 100%;
      font-size: 1rem;
    }
    .provider hk-social-icon {
      margin-right: 0.75rem;
      vertical-align: middle;
    }
    .provider span {
      vertical-align: middle;
    }
    .divider {
      display: flex;
      align-items: center;
      gap: 1rem;
      margin: 1.5rem 0 1.25rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .divider::before,
    .divider::after {
      content: '';
      flex: 1;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class SocialSignIn {
  private readonly rootUrl = inject(ApiConfiguration).rootUrl;

  /** The page's `returnUrl`: where to land after the provider, the tools when absent or off-site. */
  readonly returnUrl = input<string>();

  private readonly providers = toSignal(inject(SignInProviders).load(), { initialValue: null });
  protected readonly available = computed(() => {
    const configured = this.providers();
    return configured ? PROVIDERS.filter((provider) => configured[provider.id] === true) : [];
  });

  protected startUrl(provider: SignInProvider): string {
    const path = AuthService.StartSocialSignInPath.replace('{provider}', provider);
    return `${this.rootUrl}${path}?${new URLSearchParams({ returnTo: safeReturnUrl(this.returnUrl(), '/tools') }).toString()}`;
  }
}
