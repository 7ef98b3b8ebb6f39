import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { type AccountSessionDto, AccountSecurityService } from '@huntkit/web/api-client';
import { SessionStore, UserDatePipe } from '@huntkit/web/session';
import { AsyncContent, FormAlert } from '@huntkit/web/ui';
import { accountAction } from './account-action';

/** The icon of a device, by its operating system. */
function deviceIcon(session: AccountSessionDto): string {
  const os = session.device.os ?? '';
  if (os === 'iOS' || os === 'Android') return 'smartphone';
  if (!session.device.browser && !os) return 'device_unknown';
  return session.device.browser && !os ? 'terminal' : 'computer';
}

/** Where the account is signed in, and signing out one device, all the others, or everywhere. */
@Component({
  selector: 'hk-sessions-panel',
  imports: [MatButtonModule, AsyncContent, FormAlert, UserDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './panel.scss',
  template: `
    <p class="intro">Every browser and app signed in to your account. Sign out any you do not recognise.</p>
    <hk-form-alert [message]="error()" />
    <hk-async-content
      [loading]="sessions.isLoading() && !sessions.hasValue()"
      [failed]="sessions.status() === 'error'"
      loadingText="Loading your sessions…"
      errorText="Your sessions could not be loaded."
      (retry)="sessions.reload()"
    >
      <ul class="rows" aria-label="Signed-in sessions">
        @for (item of list(); track item.id) {
          <li class="row" [attr.data-session]="item.id">
            <span class="icon material-symbols-outlined" aria-hidden="true">{{ icon(item) }}</span>
            <div class="row-main">
              <p class="row-title">
                {{ item.device.label }}
                @if (item.current) {
                  <span class="chip">This device</span>
                }
              </p>
              <p class="meta">
                {{ item.ip ?? 'Unknown address' }} · signed in {{ item.createdAt | userDate }} · last seen
                {{ item.lastSeenAt | userDate: 'relative' }}
              </p>
            </div>
            @if (!item.current) {
              <button
                mat-stroked-button
                type="button"
                class="danger"
                [attr.aria-label]="'Sign out ' + item.device.label"
                [disabled]="action.isBusy(item.id)"
                (click)="revoke(item)"
              >
                Sign out
              </button>
            }
          </li>
        }
      </ul>
      <div class="actions">
        @if (list().length > 1) {
          <button mat-stroked-button type="button" [disabled]="busy() !== null" (click)="revokeOthers()">
            Sign out all other sessions
          </button>
        }
        <button
          mat-stroked-button
          type="button"
          class="danger"
          [disabled]="busy() !== null"
          (click)="revokeAll()"
        >
          Sign out everywhere
        </button>
      </div>
    </hk-async-content>
  `,
})
export class SessionsPanel {
  private readonly api = inject(AccountSecurityService);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  /** Keyed by the session being signed out (each row on its own), or 'others' / 'all'. */
  protected readonly action = accountAction({ parallel: true });

  protected readonly sessions = rxResource({ stream: () => this.api.listMySessions() });
  protected readonly list = computed(() => (this.sessions.hasValue() ? this.sessions.value() : []));
  protected readonly busy = this.action.busy;
  protected readonly error = this.action.error;
  protected readonly icon = deviceIcon;

  protected revoke(item: AccountSessionDto): void {
    this.action.run(item.id, () => this.api.revokeMySession({ sessionId: item.id }), {
      done: () => this.sessions.reload(),
    });
  }

  protected revokeOthers(): void {
    this.action.run('others', () => this.api.revokeMyOtherSessions(), {
      confirm: {
        title: 'Sign out all other sessions?',
        message: 'Every other browser and app is signed out at its next request. This one stays signed in.',
        confirmLabel: 'Sign out others',
      },
      done: () => this.sessions.reload(),
    });
  }

  protected revokeAll(): void {
    this.action.run('all', () => this.api.revokeAllMySessions(), {
      confirm: {
        title: 'Sign out everywhere?',
        message: 'Every session ends, this one too. You will need to sign in again.',
        confirmLabel: 'Sign out everywhere',
        destructive: true,
      },
      done: () => {
        this.session.markSignedOut();
        void this.router.navigateByUrl('/sign-in');
      },
    });
  }
}
