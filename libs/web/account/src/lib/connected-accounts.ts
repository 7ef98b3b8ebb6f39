import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Sign-in providers linked to the account. Google and GitHub arrive with social sign-in. */
@Component({
  selector: 'hk-connected-accounts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './panel.scss',
  template: `
    <p class="intro">Sign in with another account you already have. Linking comes with social sign-in.</p>
    <ul class="rows">
      @for (provider of providers; track provider.name) {
        <li class="row">
          <span class="icon material-symbols-outlined" aria-hidden="true">{{ provider.icon }}</span>
          <div class="row-main">
            <p class="row-title">{{ provider.name }}</p>
            <p class="meta">Not connected · coming soon</p>
          </div>
        </li>
      }
    </ul>
  `,
})
export class ConnectedAccounts {
  protected readonly providers = [
    { name: 'Google', icon: 'account_circle' },
    { name: 'GitHub', icon: 'code' },
  ];
}
