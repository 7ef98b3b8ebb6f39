import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { SIGN_IN_PROVIDER_NAMES } from '@huntkit/shared/brand';
import { AccountSecurityService, type AuditEntryDto } from '@huntkit/web/api-client';
import { UserDatePipe } from '@huntkit/web/session';
import { AsyncContent } from '@huntkit/web/ui';
import { AccountChanges } from './account-changes';

const PAGE_SIZE = 8;

/** How each audited action reads in the account's own history, with its icon. */
const ACTIONS: Record<string, { icon: string; text: string; warn?: boolean }> = {
  'auth.signed_in': { icon: 'login', text: 'Signed in' },
  'auth.sign_in_failed': { icon: 'gpp_maybe', text: 'Failed sign-in: wrong password', warn: true },
  'password.changed': { icon: 'password', text: 'Password changed' },
  'mfa.enabled': { icon: 'verified_user', text: 'Two-factor authentication turned on' },
  'mfa.disabled': { icon: 'remove_moderator', text: 'Two-factor authentication turned off', warn: true },
  'mfa.backup_codes_regenerated': { icon: 'key', text: 'New backup codes made' },
  'sessions.revoked': { icon: 'logout', text: 'Sessions signed out' },
  'api_token.created': { icon: 'token', text: 'API token created' },
  'api_token.revoked': { icon: 'token', text: 'API token revoked' },
  'email_change.requested': { icon: 'alternate_email', text: 'Email change requested' },
  'email_change.withdrawn': { icon: 'alternate_email', text: 'Email change withdrawn' },
  'email_change.confirmed': { icon: 'mark_email_read', text: 'Email address changed' },
  'email_change.reported': { icon: 'report', text: 'Email change reported as not you', warn: true },
  'social.signed_up': { icon: 'person_add', text: 'Account created' },
  'social.linked': { icon: 'link', text: 'Sign-in connected' },
  'social.unlinked': { icon: 'link_off', text: 'Sign-in removed', warn: true },
  'social.account_claimed': { icon: 'verified', text: 'Account claimed by the address owner', warn: true },
};

const METHOD_NAMES: Record<string, string> = {
  password: 'password',
  email_link: 'email link',
  ...SIGN_IN_PROVIDER_NAMES,
};

/** "with Google and two-factor": how a sign-in was made, or which provider a change was about. */
function how(entry: AuditEntryDto): string {
  const { method, provider, secondFactor } = entry.details;
  // Before the split, a sign-in with two-factor was recorded as one "password_mfa" method.
  const twoFactor = secondFactor === true || method === 'password_mfa';
  const named = METHOD_NAMES[String(method === 'password_mfa' ? 'password' : (method ?? provider))];
  const parts = [named, twoFactor ? 'two-factor' : undefined].filter(Boolean);
  if (entry.action.startsWith('social.') && named) return ` (${named})`;
  return parts.length ? ` with ${parts.join(' and ')}` : '';
}

function describe(entry: AuditEntryDto): { icon: string; text: string; warn: boolean } {
  const known = ACTIONS[entry.action];
  return known
    ? { icon: known.icon, text: known.text + how(entry), warn: !!known.warn }
    : { icon: 'history', text: entry.action, warn: false };
}

/** What happened to the account lately, newest first: sign-ins, failures, and every security change. */
@Component({
  selector: 'hk-security-activity',
  imports: [MatButtonModule, AsyncContent, UserDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./panel.scss'],
  styles: `
    .warn .icon {
      color: var(--hk-warning);
      background: color-mix(in srgb, var(--hk-warning) 14%, transparent);
    }
  `,
  template: `
    <h3>Recent security activity</h3>
    <p class="intro">Sign-ins and changes to your account. Something you did not do? Change your password.</p>
    <hk-async-content
      [loading]="activity.isLoading() && !activity.hasValue()"
      [failed]="activity.status() === 'error'"
      loadingText="Loading your security activity…"
      errorText="Your security activity could not be loaded."
      (retry)="activity.reload()"
    >
      <ul class="rows" aria-label="Security activity">
        @for (entry of entries(); track entry.id) {
          @let seen = describe(entry);
          <li class="row" [class.warn]="seen.warn">
            <span class="icon material-symbols-outlined" aria-hidden="true">{{ seen.icon }}</span>
            <div class="row-main">
              <p class="row-title">{{ seen.text }}</p>
              <p class="meta">{{ entry.at | userDate: 'datetime' }} · {{ entry.ip ?? 'unknown address' }}</p>
            </div>
          </li>
        } @empty {
          <li class="meta">Nothing yet.</li>
        }
      </ul>
      @if (hasMore()) {
        <div class="actions">
          <button mat-button type="button" (click)="showMore()">Show more</button>
        </div>
      }
    </hk-async-content>
  `,
})
export class SecurityActivity {
  private readonly api = inject(AccountSecurityService);

  protected readonly pageSize = signal(PAGE_SIZE);
  protected readonly activity = rxResource({
    params: () => ({ pageSize: this.pageSize() }),
    stream: ({ params }) => this.api.listMySecurityActivity({ page: 1, pageSize: params.pageSize }),
  });
  protected readonly entries = computed(() => (this.activity.hasValue() ? this.activity.value().items : []));
  protected readonly hasMore = computed(
    () =>
      this.activity.hasValue() &&
      this.activity.value().total > this.entries().length &&
      this.pageSize() < 100,
  );
  protected readonly describe = describe;

  constructor() {
    // A change made in another section of the page shows up here at once.
    const changes = inject(AccountChanges);
    effect(() => {
      if (changes.version() > 0) untracked(() => this.activity.reload());
    });
  }

  protected showMore(): void {
    this.pageSize.update((size) => Math.min(size + PAGE_SIZE * 2, 100));
  }
}
