import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * Eyebrow, title and optional lead paragraph: how every content page opens (level 1) and every
 * landing-page section starts (level 2, centred).
 */
@Component({
  selector: 'hk-heading-block',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.centered]': 'centered()', '[class.level-2]': 'level() === 2' },
  template: `
    @if (eyebrow()) {
      <p class="eyebrow">{{ eyebrow() }}</p>
    }
    @if (level() === 1) {
      <h1 [attr.id]="headingId()">{{ heading() }}</h1>
    } @else {
      <h2 [attr.id]="headingId()">{{ heading() }}</h2>
    }
    @if (lead()) {
      <p class="lead">{{ lead() }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 2.5rem;
    }
    :host(.level-2) {
      margin-bottom: 3rem;
    }
    :host(.centered) {
      max-width: 44rem;
      margin-inline: auto;
      text-align: center;
    }
    .eyebrow {
      margin: 0 0 0.6rem;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
      letter-spacing: 0.1em;
      text-transform: uppercase;
    }
    h1,
    h2 {
      margin: 0;
      font-family: var(--hk-brand-font);
      line-height: 1.15;
      letter-spacing: -0.02em;
    }
    h1 {
      font-size: clamp(2rem, 4vw, 2.75rem);
    }
    h2 {
      font-size: clamp(1.9rem, 3.6vw, 2.6rem);
    }
    .lead {
      margin: 1rem 0 0;
      max-width: 46rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-large);
      line-height: 1.65;
    }
    :host(.centered) .lead {
      margin-inline: auto;
    }
  `,
})
export class HeadingBlock {
  readonly eyebrow = input<string>();
  readonly heading = input.required<string>();
  readonly lead = input<string>();
  readonly level = input<1 | 2>(1);
  readonly centered = input(false);
  /** Lets a section point aria-labelledby at the heading. */
  readonly headingId = input<string>();
}
