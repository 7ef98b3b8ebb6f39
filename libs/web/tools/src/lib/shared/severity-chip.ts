import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Severity } from '../api/run-models';
import { SEVERITY_LABELS } from './run-format';

/** A severity as a pill in its colour, optionally with a count ("High 3"). */
@Component({
  selector: 'hk-severity-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': "'sev-' + severity()" },
  template: `{{ label() }}
    @if (count() !== null) {
      <span class="count">{{ count() }}</span>
    }`,
  styles: `
    :host {
      --tone: var(--mat-sys-on-surface-variant);
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      padding: 0.1rem 0.55rem;
      border-radius: 6px;
      font: 600 0.75rem/1.5 var(--hk-mono-font);
      letter-spacing: 0.02em;
      text-transform: uppercase;
      white-space: nowrap;
      color: var(--tone);
      background: color-mix(in srgb, var(--tone) 14%, transparent);
      border: 1px solid color-mix(in srgb, var(--tone) 45%, transparent);
    }
    .count {
      color: var(--mat-sys-on-surface);
    }
    :host(.sev-low) {
      --tone: #6cb6ff;
    }
    :host(.sev-medium) {
      --tone: var(--hk-warning);
    }
    :host(.sev-high) {
      --tone: #ff8a4c;
    }
    :host(.sev-critical) {
      --tone: #ff5c7a;
    }
  `,
})
export class SeverityChip {
  readonly severity = input.required<Severity>();
  readonly count = input<number | null>(null);
  protected readonly label = computed(() => SEVERITY_LABELS[this.severity()]);
}
