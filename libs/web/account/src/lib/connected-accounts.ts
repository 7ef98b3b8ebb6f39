import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { ActivatedRoute } from '@angular/router';
import { SIGN_IN_PROVIDER_NAMES } from '@huntkit/shared/brand';
import { AuthService, type ConnectedProviderDto } from '@huntkit/web/api-client';
import { UserDatePipe } from '@huntkit/web/session';
import { AsyncContent, FormAlert } from '@huntkit/web/ui';
import { type Observable } from 'rxjs';
import { accountAction } from './account-action';

const NAMES: Record<ConnectedProviderDto['provider'], string> = SIGN_IN_PROVIDER_NAMES;
const ICONS: Record<ConnectedProviderDto['provider'], string> = { google: 'account_circle', github: 'code' };

/** Why connecting a provider failed, from the code the API put in the return address. */
const LINK_ERRORS: Record<string, string> = {
  social_account_in_use: 'That account already signs in to another Huntkit account.',
  provider_already_linked: 'Another account of that provider is already connected. Disconnect it first.',
  provider_refused: 'The provider did not confirm the connection. Try again.',
  sign_in_expired: 'The connection took too long. Try again.',
};

/**
 * Providers that can sign in to this account: connect one (a trip to the provider and back) or
 * disconnect it. The API refuses to remove the last way in; the page says so before asking.
 */
@Component({
  selector: 'hk-connected-accounts',
  imports: [MatButtonModule, AsyncContent, FormAlert, UserDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './panel.scss',
  template: `
    <p class="intro">Sign in with an account you already have, as well as or instead of your password.</p>
    @if (linkedNow(); as name) {
      <p class="done" role="status">{{ name }} is connected. You can now sign in with it.</p>
    }
    <hk-form-alert [message]="error()" />
    <hk-async-content
      [loading]="state.isLoading() && !state.hasValue()"
      [failed]="state.status() === 'error'"
      loadingText="Loading connected accounts…"
      errorText="Connected accounts could not be loaded."
      (retry)="state.reload()"
    >
      <ul class="rows" aria-label="Connected accounts">
        @for (item of providers(); track item.provider) {
          <li class="row">
            <span class="icon material-symbols-outlined" aria-hidden="true">{{ icon(item) }}</span>
            <div class="row-main">
              <p class="row-title">{{ name(item) }}</p>
              <p class="meta">
                @if (item.linked) {
                  Connected{{ item.email ? ' as ' + item.email : '' }} since {{ item.linkedAt | userDate }}
                } @else if (item.configured) {
                  Not connected
                } @else {
                  Not available on this site
                }
              </p>
            </div>
            @if (item.linked) {
              <button
                mat-stroked-button
                type="button"
                class="danger"
                [disabled]="busy() !== null"
                [attr.aria-label]="'Disconnect ' + name(item)"
                (click)="disconnect(item)"
              >
                Disconnect
              </button>
            } @else if (item.configured) {
              <button
                mat-stroked-button
                type="button"
                [disabled]="busy() !== null"
                [attr.aria-label]="'Connect ' + name(item)"
                (click)="connect(item)"
              >
                {{ busy() === item.provider ? 'Opening…' : 'Connect' }}
              </button>
            }
          </li>
        }
      </ul>
      @if (onlyWayIn()) {
        <p class="meta note">
          {{ onlyWayIn() }} is your only way to sign in. To disconnect it, first set a password with "Forgot
          password" on the sign-in page, or connect another account.
        </p>
      }
    </hk-async-content>
  `,
  styles: `
    .note {
      margin-top: 1rem;
    }
    .done {
      margin: 0 0 1rem;
    }
  `,
})
export class ConnectedAccounts {
  private readonly api = inject(AuthService);
  private readonly document = inject(DOCUMENT);
  private readonly query = inject(ActivatedRoute).snapshot.queryParamMap;
  /** Keyed by the provider being connected or disconnected. */
  private readonly action = accountAction<ConnectedProviderDto['provider']>();

  protected readonly state = rxResource({ stream: () => this.api.listConnectedAccounts() });
  protected readonly providers = computed(() => (this.state.hasValue() ? this.state.value().providers : []));
  /** The one connected provider of an account without a password: the API will refuse to remove it. */
  protected readonly onlyWayIn = computed(() => {
    if (!this.state.hasValue() || this.state.value().hasPassword) return null;
    const linked = this.providers().filter((item) => item.linked);
    return linked.length === 1 && linked[0] ? NAMES[linked[0].provider] : null;
  });
  protected readonly busy = this.action.busy;
  protected readonly error = this.action.error;
  protected readonly linkedNow = signal<string | null>(this.linkedName());
  protected readonly name = (item: ConnectedProviderDto) => NAMES[item.provider];
  protected readonly icon = (item: ConnectedProviderDto) => ICONS[item.provider];

  constructor() {
    this.error.set(this.linkError());
  }

  protected connect(item: ConnectedProviderDto): void {
    this.action.run(
      item.provider,
      () => this.withNoticeCleared(this.api.startLinkingProvider({ provider: item.provider })),
      {
        // Nothing changed yet: the provider's page, then back to /account, where the change shows.
        recorded: false,
        leavesPage: true,
        done: ({ authorizationUrl }) => this.document.location.assign(authorizationUrl),
      },
    );
  }

  protected disconnect(item: ConnectedProviderDto): void {
    this.action.run(
      item.provider,
      () => this.withNoticeCleared(this.api.unlinkProvider({ provider: item.provider })),
      {
        confirm: {
          title: `Disconnect ${NAMES[item.provider]}?`,
          message: `You will no longer be able to sign in with ${NAMES[item.provider]}. You can connect it again later.`,
          confirmLabel: 'Disconnect',
          destructive: true,
        },
        done: () => this.state.reload(),
      },
    );
  }

  /** Called as a change starts: the "Google is connected" notice from the trip back has had its say. */
  private withNoticeCleared<T>(request: Observable<T>): Observable<T> {
    this.linkedNow.set(null);
    return request;
  }

  private linkError(): string | null {
    const code = this.query.get('link_error');
    return code ? (LINK_ERRORS[code] ?? 'Connecting that account did not work. Try again.') : null;
  }

  private linkedName(): string | null {
    const provider = this.query.get('linked');
    return provider === 'google' || provider === 'github' ? NAMES[provider] : null;
  }
}
