import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { credits } from '../shared/run-format';

/** What a run costs against what the person has: "Costs 2 credits · you have 8". */
@Component({
  selector: 'hk-cost-line',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.short]': 'short()' },
  template: `
    <span class="material-symbols-outlined" aria-hidden="true">{{ short() ? 'warning' : 'toll' }}</span>
    <span>
      {{ text() }}
      @if (short()) {
        <span class="advice">
          Not enough for this run. <a routerLink="/billing">Get more credits</a> or wait for tomorrow's free
          ones.
        </span>
      }
    </span>
  `,
  styles: `
    :host {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      color: var(--mat-sys-on-surface-variant);
    }
    .material-symbols-outlined {
      color: var(--mat-sys-primary);
      font-size: 1.25rem;
    }
    :host(.short) {
      color: var(--mat-sys-on-surface);
    }
    :host(.short) .material-symbols-outlined {
      color: var(--hk-warning);
    }
    .advice {
      display: block;
      margin-top: 0.2rem;
      color: var(--hk-warning);
      font: var(--mat-sys-body-small);
    }
    .advice a {
      color: inherit;
      font-weight: 600;
    }
  `,
})
export class CostLine {
  readonly cost = input.required<number>();
  /** Null when unknown (signed out, or the balance has not arrived). */
  readonly balance = input<number | null>(null);
  protected readonly text = computed(() => {
    const balance = this.balance();
    return `Costs ${credits(this.cost())}${balance === null ? '' : ` · you have ${balance}`}`;
  });
  readonly short = computed(() => {
    const balance = this.balance();
    return balance !== null && balance < this.cost();
  });
}
