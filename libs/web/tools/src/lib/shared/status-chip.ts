import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RunStatus } from '../api/run-models';
import { STATUS_ICONS, STATUS_LABELS } from './run-format';

/** A run's status as a coloured pill; a running one spins its icon. */
@Component({
  selector: 'hk-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': "'status-' + status()" },
  template: `<span class="material-symbols-outlined" aria-hidden="true">{{ icon() }}</span
    >{{ label() }}`,
  styles: `
    :host {
      --tone: var(--mat-sys-on-surface-variant);
      display: inline-flex;
      align-items: center;
      gap: 0.3rem;
      padding: 0.15rem 0.6rem 0.15rem 0.45rem;
      border-radius: 999px;
      font: 600 0.8rem/1.4 var(--mat-sys-label-large-font, inherit);
      white-space: nowrap;
      color: var(--tone);
      background: color-mix(in srgb, var(--tone) 14%, transparent);
      border: 1px solid color-mix(in srgb, var(--tone) 40%, transparent);
    }
    .material-symbols-outlined {
      font-size: 1rem;
    }
    :host(.status-queued) {
      --tone: var(--mat-sys-on-surface-variant);
    }
    :host(.status-running) {
      --tone: var(--mat-sys-tertiary);
    }
    :host(.status-running) .material-symbols-outlined {
      animation: spin 1.6s linear infinite;
    }
    :host(.status-succeeded) {
      --tone: var(--hk-success);
    }
    :host(.status-failed) {
      --tone: var(--mat-sys-error);
    }
    :host(.status-timed_out) {
      --tone: var(--hk-warning);
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      :host(.status-running) .material-symbols-outlined {
        animation: none;
      }
    }
  `,
})
export class StatusChip {
  readonly status = input.required<RunStatus>();
  protected readonly label = computed(() => STATUS_LABELS[this.status()]);
  protected readonly icon = computed(() => STATUS_ICONS[this.status()]);
}
