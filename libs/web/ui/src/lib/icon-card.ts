import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A surface card led by a Material Symbol in a tinted badge; the body is projected. */
@Component({
  selector: 'hk-icon-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="badge" aria-hidden="true"
      ><span class="material-symbols-outlined">{{ icon() }}</span></span
    >
    <h3>{{ heading() }}</h3>
    <div class="body"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      padding: 1.5rem;
      border-radius: 16px;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
      transition:
        border-color 0.25s ease,
        transform 0.25s ease,
        background 0.25s ease;
    }
    :host(:hover) {
      border-color: color-mix(in srgb, var(--mat-sys-primary) 45%, transparent);
      transform: translateY(-2px);
    }
    .badge {
      display: inline-grid;
      place-items: center;
      width: 3rem;
      height: 3rem;
      border-radius: 12px;
      color: var(--mat-sys-primary);
      background: color-mix(in srgb, var(--mat-sys-primary) 12%, transparent);
    }
    .badge .material-symbols-outlined {
      font-size: 1.75rem;
    }
    h3 {
      margin: 0;
      font: var(--mat-sys-title-large);
      font-family: var(--hk-brand-font);
    }
    .body {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      line-height: 1.6;
    }
  `,
})
export class IconCard {
  readonly icon = input.required<string>();
  readonly heading = input.required<string>();
}
