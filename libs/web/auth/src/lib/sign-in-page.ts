import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Logo } from '@huntkit/web/ui';

@Component({
  selector: 'hk-sign-in-page',
  imports: [RouterLink, MatButtonModule, Logo],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="wrap">
      <section class="card" aria-labelledby="sign-in-title">
        <hk-logo [markOnly]="true" />
        <h1 id="sign-in-title">Sign in to Huntkit</h1>
        <p>
          Accounts are about to open: sign-up, sign-in and your 10 free daily credits arrive in the next
          release.
        </p>
        <p>Until then, look around the catalog or read the API reference.</p>
        <div class="actions">
          <a mat-flat-button routerLink="/tools">Browse tools</a>
          <a mat-stroked-button href="/api/docs">API docs</a>
        </div>
      </section>
    </div>
  `,
  styles: `
    .wrap {
      display: grid;
      place-items: center;
      padding: clamp(3rem, 10vw, 6rem) 1.25rem;
    }
    .card {
      width: 100%;
      max-width: 28rem;
      box-sizing: border-box;
      padding: 2.5rem 2rem;
      border-radius: 20px;
      text-align: center;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    hk-logo {
      --size: 3rem;
    }
    h1 {
      margin: 1rem 0;
      font-family: var(--hk-brand-font);
      font-size: 1.8rem;
    }
    p {
      margin: 0 0 0.75rem;
      color: var(--mat-sys-on-surface-variant);
      line-height: 1.6;
    }
    .actions {
      display: flex;
      gap: 0.75rem;
      justify-content: center;
      flex-wrap: wrap;
      margin-top: 1.5rem;
    }
  `,
})
export class SignInPage {}
