import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { UserDatePipe } from '@huntkit/web/session';
import type { RunDetailDto } from '../api/run-models';
import { runLogUrl } from '../api/runs-api';
import { credits, formatDuration, formatLimit, isActive } from '../shared/run-format';
import { StatusChip } from '../shared/status-chip';

/** What ran, on what, how it went, and what can be done with it: Cancel, Re-run, Download log. */
@Component({
  selector: 'hk-run-header',
  imports: [MatButtonModule, RouterLink, StatusChip, UserDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './run-header.html',
  styleUrl: './run-header.scss',
})
export class RunHeader {
  readonly run = input.required<RunDetailDto>();
  readonly cancelling = input(false);
  readonly cancelRun = output();

  protected readonly confirming = signal(false);
  protected readonly active = computed(() => isActive(this.run().status));
  /** A running run's clock ticks in the terminal's status bar; here only the final figure. */
  protected readonly durationText = computed(() => {
    const run = this.run();
    if (run.status === 'queued') return 'Not started';
    if (run.status === 'running') return 'In progress';
    return formatDuration(run.durationMs) || '—';
  });
  protected readonly cost = computed(() => credits(this.run().cost));
  protected readonly timeLimit = computed(() => formatLimit(this.run().timeoutSeconds));
  protected readonly logUrl = computed(() => runLogUrl(this.run().id));
  /** Failed and cancelled runs give their credits back (RunDto.cost). */
  protected readonly refunded = computed(() => ['failed', 'cancelled'].includes(this.run().status));

  protected askCancel(): void {
    this.confirming.set(true);
  }

  protected confirmCancel(): void {
    this.confirming.set(false);
    this.cancelRun.emit();
  }
}
