import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ResultChange } from '../api/run-models';
import { CHANGE_LABELS } from './run-format';

/** How a result compares with the previous run of the tool on the same target. */
@Component({
  selector: 'hk-change-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': "'change-' + change()", '[attr.title]': 'title()' },
  template: `{{ label() }}`,
  styles: `
    :host {
      display: inline-block;
      padding: 0.05rem 0.5rem;
      border-radius: 999px;
      font: var(--mat-sys-label-small);
      white-space: nowrap;
      color: var(--mat-sys-on-surface-variant);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    :host(.change-new) {
      color: var(--mat-sys-on-primary);
      background: var(--mat-sys-primary);
      border-color: transparent;
    }
    :host(.change-gone) {
      text-decoration: line-through;
      border-style: dashed;
    }
  `,
})
export class ChangeBadge {
  readonly change = input.required<ResultChange>();
  protected readonly label = computed(() => CHANGE_LABELS[this.change()]);
  protected readonly title = computed(
    () =>
      ({
        new: 'Not found by the previous run on this target',
        unchanged: 'Also found by the previous run',
        gone: 'Found by the previous run, not by this one',
      })[this.change()],
  );
}
