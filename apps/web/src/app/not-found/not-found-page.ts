import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'hk-not-found-page',
  imports: [RouterLink, MatButtonModule],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="content">
      <p class="code" aria-hidden="true">404</p>
      <h1>Nothing to find here</h1>
      <p class="lead">This page does not exist, or it moved. Even a good wordlist misses sometimes.</p>
      <pre class="trace" aria-hidden="true"><span class="prompt">$</span> GET {{ path }}
<span class="status">404</span> Not Found · 0 findings</pre>
      <div class="actions">
        <a mat-flat-button routerLink="/">Back to home</a>
        <a mat-stroked-button routerLink="/tools">Browse tools</a>
      </div>
    </section>
  `,
  styles: `
    .content {
      max-width: 40rem;
      margin: 0 auto;
      padding: 6rem 1.25rem;
      text-align: center;
    }
    .code {
      margin: 0;
      font-family: var(--hk-brand-font);
      font-weight: 700;
      font-size: clamp(5rem, 18vw, 9rem);
      line-height: 1;
      background: linear-gradient(135deg, var(--mat-sys-primary), var(--mat-sys-tertiary));
      -webkit-background-clip: text;
      background-clip: text;
      color: transparent;
    }
    h1 {
      margin: 1rem 0 0.5rem;
      font-family: var(--hk-brand-font);
      font-size: 2rem;
    }
    .lead {
      margin: 0 0 2rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-large);
    }
    .trace {
      display: inline-block;
      margin: 0 0 2rem;
      padding: 1rem 1.25rem;
      text-align: left;
      border-radius: 12px;
      white-space: pre-wrap;
      word-break: break-all;
      background: var(--hk-terminal-bg);
      border: 1px solid var(--mat-sys-outline-variant);
      font: 0.9rem/1.6 var(--hk-mono-font);
      color: var(--mat-sys-on-surface-variant);
    }
    .prompt {
      color: var(--mat-sys-primary);
    }
    .status {
      color: var(--mat-sys-error);
    }
    .actions {
      display: flex;
      gap: 0.75rem;
      justify-content: center;
      flex-wrap: wrap;
    }
  `,
})
export class NotFoundPage {
  protected readonly path = typeof location === 'undefined' ? '/' : location.pathname;
}
