import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The heading block every content page opens with: eyebrow, title and an optional lead paragraph. */
@Component({
  selector: 'hk-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (eyebrow()) {
      <p class="eyebrow">{{ eyebrow() }}</p>
    }
    <h1>{{ heading() }}</h1>
    @if (lead()) {
      <p class="lead">{{ lead() }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 2.5rem;
    }
    .eyebrow {
      margin: 0 0 0.5rem;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
      letter-spacing: 0.08em;
      text-transform: uppercase;
    }
    h1 {
      margin: 0;
      font-family: var(--hk-brand-font);
      font-size: clamp(2rem, 4vw, 2.75rem);
      line-height: 1.15;
      letter-spacing: -0.02em;
    }
    .lead {
      margin: 1rem 0 0;
      max-width: 46rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-large);
      line-height: 1.65;
    }
  `,
})
export class PageHeader {
  readonly eyebrow = input<string>();
  readonly heading = input.required<string>();
  readonly lead = input<string>();
}
