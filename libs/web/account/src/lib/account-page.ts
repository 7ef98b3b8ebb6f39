import { ChangeDetectionStrategy, Component } from '@angular/core';
import { HeadingBlock } from '@huntkit/web/ui';
import { ApiTokensPanel } from './api-tokens-panel';
import { ConnectedAccounts } from './connected-accounts';
import { NotificationsPanel } from './notifications-panel';
import { PasswordPanel } from './password-panel';
import { ProfilePanel } from './profile-panel';
import { SecurityActivity } from './security-activity';
import { SecurityPanel } from './security-panel';
import { SessionsPanel } from './sessions-panel';
import { AccountChanges } from './account-changes';

/** One settings page in sections; each section is a card reachable by its own anchor. */
/** The sections of the settings page, in order; each is a card with its own anchor. */
const SECTIONS = [
  { id: 'profile', title: 'Profile' },
  { id: 'security', title: 'Security' },
  { id: 'sessions', title: 'Sessions' },
  { id: 'connected-accounts', title: 'Connected accounts' },
  { id: 'notifications', title: 'Notifications' },
  { id: 'api-tokens', title: 'API tokens' },
] as const;

/** One settings page in sections; each section is a card reachable by its own anchor. */
@Component({
  providers: [AccountChanges],
  selector: 'hk-account-page',
  imports: [
    HeadingBlock,
    ProfilePanel,
    SecurityPanel,
    PasswordPanel,
    SecurityActivity,
    SessionsPanel,
    ConnectedAccounts,
    NotificationsPanel,
    ApiTokensPanel,
  ],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-width">
      <hk-heading-block eyebrow="Account" heading="Account settings" />
      <div class="layout">
        <nav class="sections" aria-label="Settings sections">
          @for (section of sections; track section.id) {
            <a [href]="'#' + section.id" (click)="jump($event, section.id)">{{ section.title }}</a>
          }
        </nav>
        <div class="cards">
          <section id="profile" class="card" aria-labelledby="profile-title">
            <h2 id="profile-title">Profile</h2>
            <hk-profile-panel />
          </section>
          <section id="security" class="card" aria-labelledby="security-title">
            <h2 id="security-title">Security</h2>
            <hk-security-panel />
            <hr />
            <hk-password-panel />
            <hr />
            <hk-security-activity />
          </section>
          <section id="sessions" class="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">Sessions</h2>
            <hk-sessions-panel />
          </section>
          <section id="connected-accounts" class="card" aria-labelledby="connected-title">
            <h2 id="connected-title">Connected accounts</h2>
            <hk-connected-accounts />
          </section>
          <section id="notifications" class="card" aria-labelledby="notifications-title">
            <h2 id="notifications-title">Notifications</h2>
            <hk-notifications-panel />
          </section>
          <section id="api-tokens" class="card" aria-labelledby="api-tokens-title">
            <h2 id="api-tokens-title">API tokens</h2>
            <hk-api-tokens-panel />
          </section>
        </div>
      </div>
    </div>
  `,
  styles: `
    .page-width {
      max-width: var(--hk-content-width);
      margin: 0 auto;
      padding: 2.5rem 1.25rem 4rem;
    }
    .layout {
      display: grid;
      grid-template-columns: 12rem 1fr;
      gap: 2rem;
      align-items: start;
    }
    .sections {
      position: sticky;
      top: calc(var(--hk-navbar-height) + 1.5rem);
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    .sections a {
      padding: 0.55rem 0.85rem;
      border-radius: 999px;
      color: var(--mat-sys-on-surface-variant);
      text-decoration: none;
    }
    .sections a:hover,
    .sections a:focus-visible {
      color: var(--mat-sys-on-surface);
      background: var(--mat-sys-surface-container-high);
    }
    .cards {
      display: grid;
      gap: 1.5rem;
      min-width: 0;
    }
    .card {
      scroll-margin-top: calc(var(--hk-navbar-height) + 1rem);
      padding: 1.5rem;
      border-radius: 20px;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    h2 {
      margin: 0 0 1.25rem;
      font: 600 1.25rem var(--hk-brand-font);
    }
    hr {
      margin: 1.75rem 0;
      border: 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    @media (max-width: 800px) {
      .layout {
        grid-template-columns: 1fr;
      }
      .sections {
        position: static;
        flex-direction: row;
        overflow-x: auto;
      }
      .sections a {
        white-space: nowrap;
      }
    }
  `,
})
export class AccountPage {
  protected readonly sections = SECTIONS;

  /** In-page jumps without a router navigation (the page has no route per section). */
  protected jump(event: Event, id: string): void {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ behavior: 'smooth', block: 'start' });
    history.replaceState(null, '', `#${id}`);
  }
}
