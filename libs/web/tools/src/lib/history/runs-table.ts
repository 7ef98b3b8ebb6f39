import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { UserDatePipe } from '@huntkit/web/session';
import type { RunDto, Severity } from '../api/run-models';
import { formatDuration, isActive, SEVERITIES } from '../shared/run-format';
import { SeverityChip } from '../shared/severity-chip';
import { StatusChip } from '../shared/status-chip';

/** A page of runs; each row opens its run. Stacks into cards on phones. */
@Component({
  selector: 'hk-runs-table',
  imports: [MatTableModule, RouterLink, UserDatePipe, SeverityChip, StatusChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './runs-table.html',
  styleUrl: './runs-table.scss',
})
export class RunsTable {
  private readonly router = inject(Router);
  readonly runs = input.required<RunDto[]>();

  protected readonly columns = ['target', 'tool', 'status', 'created', 'duration', 'results', 'cost'];
  protected readonly formatDuration = formatDuration;
  protected readonly isActive = isActive;

  protected row(value: unknown): RunDto {
    return value as RunDto;
  }

  /** The non-zero severity counts, most severe first. */
  protected severities(run: RunDto): { severity: Severity; count: number }[] {
    const counts = run.resultCounts?.bySeverity ?? {};
    return SEVERITIES.map((severity) => ({ severity, count: counts[severity] ?? 0 })).filter(
      (entry) => entry.count > 0,
    );
  }

  /** The whole row opens the run for pointer users; the target link is the keyboard's way in. */
  protected open(run: RunDto, event: MouseEvent): void {
    if ((event.target as HTMLElement).closest('a')) return;
    void this.router.navigate(['/runs', run.id]);
  }
}
