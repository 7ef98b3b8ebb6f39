import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { UsageDayDto } from '@huntkit/web/api-client';

/** Credits spent per day as bars, each with its figure as a tooltip, and a summary for screen readers. */
@Component({
  selector: 'hk-usage-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="summary">{{ summary() }}</p>
    <div class="bars" aria-hidden="true">
      @for (bar of bars(); track bar.date) {
        <div class="slot" [title]="bar.date + ': ' + bar.spent + ' credits'">
          <div class="bar" [class.empty]="bar.spent === 0" [style.height.%]="bar.percent"></div>
        </div>
      }
    </div>
    <div class="labels" aria-hidden="true">
      @for (bar of bars(); track bar.date) {
        <span>{{ bar.labelled ? bar.date.slice(5) : '' }}</span>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .summary {
      margin: 0 0 1rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .bars,
    .labels {
      display: grid;
      grid-auto-flow: column;
      grid-auto-columns: 1fr;
      gap: 3px;
    }
    .bars {
      height: 9rem;
      align-items: end;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .slot {
      height: 100%;
      display: flex;
      align-items: flex-end;
    }
    .bar {
      width: 100%;
      min-height: 3px;
      border-radius: 3px 3px 0 0;
      background: var(--mat-sys-primary);
    }
    .bar.empty {
      background: var(--mat-sys-surface-container-highest);
    }
    .labels span {
      overflow: visible;
      white-space: nowrap;
      text-align: center;
      font: 0.7rem var(--hk-mono-font);
      color: var(--mat-sys-on-surface-variant);
      padding-top: 0.35rem;
    }
  `,
})
export class UsageChart {
  readonly days = input.required<UsageDayDto[]>();

  protected readonly bars = computed(() => {
    const days = this.days();
    const max = Math.max(1, ...days.map((day) => day.spent));
    const every = Math.max(1, Math.ceil(days.length / 5));
    return days.map((day, index) => ({
      ...day,
      percent: day.spent === 0 ? 0 : Math.max(4, (day.spent / max) * 100),
      labelled: (days.length - 1 - index) % every === 0,
    }));
  });

  protected readonly summary = computed(() => {
    const days = this.days();
    const total = days.reduce((sum, day) => sum + day.spent, 0);
    const busiest = days.reduce<UsageDayDto | null>(
      (best, day) => (!best || day.spent > best.spent ? day : best),
      null,
    );
    return total === 0
      ? `No credits spent in the last ${days.length} days.`
      : `${total} credit${total === 1 ? '' : 's'} spent in the last ${days.length} days; the most, ${busiest?.spent}, on ${busiest?.date}.`;
  });
}
