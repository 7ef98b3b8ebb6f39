import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { loadExternalScript } from './external-script';
import { SignInProviders } from './social-sign-in';

interface GoogleIdentity {
  initialize(options: Record<string, unknown>): void;
  prompt(): void;
  cancel(): void;
}

export interface OneTapCredential {
  credential: string;
  csrfToken: string;
}

const SCRIPT_URL = 'https://accounts.google.com/gsi/client';

/** The g_csrf_token cookie Google's script sets on our origin; the API wants it echoed in the body. */
export function googleCsrfToken(cookies: string): string {
  return (
    cookies
      .split(/;\s*/)
      .find((entry) => entry.startsWith('g_csrf_token='))
      ?.slice('g_csrf_token='.length) ?? ''
  );
}

/**
 * Google One Tap: Google's own prompt, loaded only when the site has Google configured. It draws
 * nothing of its own; a chosen account comes out as a credential for the page to sign in with.
 */
@Component({
  selector: 'hk-google-one-tap',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
})
export class GoogleOneTap {
  readonly credential = output<OneTapCredential>();
  private readonly document = inject(DOCUMENT);
  private readonly options = toSignal(inject(SignInProviders).load(), { initialValue: null });
  private google: GoogleIdentity | null = null;

  constructor() {
    effect(() => {
      const clientId = this.options()?.googleClientId;
      if (!clientId || this.google) return;
      // Offline or blocked, there is simply no prompt: the page's own buttons still work.
      loadExternalScript(this.document, SCRIPT_URL).then(
        () => this.start(clientId),
        () => undefined,
      );
    });
    inject(DestroyRef).onDestroy(() => this.google?.cancel());
  }

  private start(clientId: string): void {
    const view = this.document.defaultView as
      | (Window & { google?: { accounts?: { id?: GoogleIdentity } } })
      | null;
    const identity = view?.google?.accounts?.id;
    if (!identity) return;
    this.google = identity;
    identity.initialize({
      client_id: clientId,
      context: 'signin',
      use_fedcm_for_prompt: true,
      callback: ({ credential }: { credential: string }) =>
        this.credential.emit({ credential, csrfToken: googleCsrfToken(this.document.cookie) }),
    });
    identity.prompt();
  }
}
