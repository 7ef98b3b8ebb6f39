import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The Huntkit mark (a reticle) and wordmark. `markOnly` drops the wordmark for tight spaces. */
@Component({
  selector: 'hk-logo',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg class="mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="19" fill="none" stroke="currentColor" stroke-width="4.5" />
      <path
        d="M32 6v13M32 45v13M6 32h13M45 32h13"
        stroke="currentColor"
        stroke-width="4.5"
        stroke-linecap="round"
      />
      <circle class="core" cx="32" cy="32" r="5.5" />
    </svg>
    @if (!markOnly()) {
      <span class="word">Hunt<span class="accent">kit</span></span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.55rem;
      color: var(--mat-sys-primary);
    }
    .mark {
      width: 1.9rem;
      height: 1.9rem;
      flex: none;
    }
    .core {
      fill: var(--mat-sys-tertiary);
    }
    .word {
      font-family: var(--hk-brand-font);
      font-weight: 700;
      font-size: 1.3rem;
      letter-spacing: -0.02em;
      color: var(--mat-sys-on-surface);
    }
    .accent {
      color: var(--mat-sys-primary);
    }
  `,
})
export class Logo {
  readonly markOnly = input(false);
}
