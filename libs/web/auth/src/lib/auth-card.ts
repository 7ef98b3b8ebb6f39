import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Logo } from '@huntkit/web/ui';

/**
 * The frame of every account page (sign-in, verify, forgot, reset): a centred card with the logo mark
 * and the page's heading. Content is projected; an element marked `footer` goes in the card's foot.
 */
@Component({
  selector: 'hk-auth-card',
  imports: [Logo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="auth-card-title">
      <hk-logo [markOnly]="true" />
      <h1 id="auth-card-title">{{ heading() }}</h1>
      <ng-content />
      <div class="foot"><ng-content select="[footer]" /></div>
    </section>
  `,
  styles: `
    :host {
      display: grid;
      place-items: center;
      padding: clamp(2.5rem, 8vw, 5rem) 1.25rem;
    }
    .card {
      width: 100%;
      max-width: 26rem;
      box-sizing: border-box;
      padding: 2.25rem 2rem;
      border-radius: 20px;
      text-align: center;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    h1 {
      margin: 1rem 0 0.5rem;
      font-family: var(--hk-brand-font);
      font-size: 1.75rem;
      line-height: 1.2;
      text-wrap: balance;
    }
    .foot {
      margin-top: 1.5rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class AuthCard {
  readonly heading = input.required<string>();
}
