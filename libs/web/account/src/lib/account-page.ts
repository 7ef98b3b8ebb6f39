import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { SessionStore, UserDatePipe } from '@huntkit/web/session';
import { HeadingBlock } from '@huntkit/web/ui';
import { ApiTokensPanel } from './api-tokens-panel';
import { SecurityPanel } from './security-panel';

/** One settings page in sections; each section is a card reachable by its own anchor. */
@Component({
  selector: 'hk-account-page',
  imports: [HeadingBlock, ApiTokensPanel, SecurityPanel, UserDatePipe],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-width">
      <hk-heading-block eyebrow="Account" heading="Account settings" />
      <div class="layout">
        <nav class="sections" aria-label="Settings sections">
          <a href="#profile">Profile</a>
          <a href="#security">Security</a>
          <a href="#api-tokens">API tokens</a>
        </nav>
        <div class="cards">
          @if (session.user(); as user) {
            <section id="profile" class="card" aria-labelledby="profile-title">
              <h2 id="profile-title">Profile</h2>
              <div class="profile">
                <span class="avatar" aria-hidden="true">{{ session.initials() }}</span>
                <dl>
                  <dt>Name</dt>
                  <dd>{{ user.displayName }}</dd>
                  <dt>Email</dt>
                  <dd>
                    {{ user.email }}
                    @if (user.verified) {
                      <span class="verified">Verified</span>
                    }
                  </dd>
                  <dt>Time zone</dt>
                  <dd>{{ user.timeZone }}</dd>
                  <dt>Member since</dt>
                  <dd>{{ user.createdAt | userDate }}</dd>
                </dl>
              </div>
            </section>
          }
          <section id="security" class="card" aria-labelledby="security-title">
            <h2 id="security-title">Security</h2>
            <hk-security-panel />
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
      padding: 1.5rem;
      border-radius: 20px;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    h2 {
      margin: 0 0 1.25rem;
      font: 600 1.25rem var(--hk-brand-font);
    }
    .profile {
      display: flex;
      gap: 1.5rem;
      align-items: flex-start;
    }
    .avatar {
      display: grid;
      place-items: center;
      flex: none;
      width: 4rem;
      height: 4rem;
      border-radius: 50%;
      font: 600 1.35rem var(--hk-brand-font);
      color: var(--mat-sys-on-primary-container);
      background: var(--mat-sys-primary-container);
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.5rem 1.5rem;
      margin: 0;
      min-width: 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .verified {
      margin-left: 0.5rem;
      padding: 0.05rem 0.5rem;
      border-radius: 999px;
      font: var(--mat-sys-label-small);
      color: var(--hk-success);
      border: 1px solid color-mix(in srgb, var(--hk-success) 50%, transparent);
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
    }
    @media (max-width: 520px) {
      .profile {
        flex-direction: column;
      }
      dl {
        grid-template-columns: 1fr;
        gap: 0.15rem;
      }
      dd {
        margin-bottom: 0.6rem;
      }
    }
  `,
})
export class AccountPage {
  protected readonly session = inject(SessionStore);
}
