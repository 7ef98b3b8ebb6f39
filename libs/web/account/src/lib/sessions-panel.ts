import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { type AccountSessionDto, AccountSecurityService } from '@huntkit/web/api-client';
import { isReauthenticationRequired, problemDetail, SessionStore, UserDatePipe } from '@huntkit/web/session';
import { AsyncContent, ConfirmDialog, type ConfirmDialogData, FormAlert } from '@huntkit/web/ui';
import { filter, type Observable } from 'rxjs';
import { AccountChanges } from './account-changes';

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
                [disabled]="busy() === item.id"
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
  private readonly changes = inject(AccountChanges);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  protected readonly sessions = rxResource({ stream: () => this.api.listMySessions() });
  protected readonly list = computed(() => (this.sessions.hasValue() ? this.sessions.value() : []));
  protected readonly busy = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly icon = deviceIcon;

  protected revoke(item: AccountSessionDto): void {
    this.act(item.id, this.api.revokeMySession({ sessionId: item.id }), () => this.sessions.reload());
  }

  protected revokeOthers(): void {
    this.ask({
      title: 'Sign out all other sessions?',
      message: 'Every other browser and app is signed out at its next request. This one stays signed in.',
      confirmLabel: 'Sign out others',
    }).subscribe(() => this.act('others', this.api.revokeMyOtherSessions(), () => this.sessions.reload()));
  }

  protected revokeAll(): void {
    this.ask({
      title: 'Sign out everywhere?',
      message: 'Every session ends, this one too. You will need to sign in again.',
      confirmLabel: 'Sign out everywhere',
      destructive: true,
    }).subscribe(() =>
      this.act('all', this.api.revokeAllMySessions(), () => {
        this.session.markSignedOut();
        void this.router.navigateByUrl('/sign-in');
      }),
    );
  }

  private ask(question: ConfirmDialogData): Observable<boolean> {
    return ConfirmDialog.ask(this.dialog, question).pipe(filter(Boolean));
  }

  private act(key: string, request: Observable<unknown>, done: () => void): void {
    this.error.set(null);
    this.busy.set(key);
    request.pipe(this.changes.recorded()).subscribe({
      next: () => {
        this.busy.set(null);
        done();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        if (!isReauthenticationRequired(error)) this.error.set(problemDetail(error));
      },
    });
  }
}
