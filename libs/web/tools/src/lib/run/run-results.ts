import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatTableModule } from '@angular/material/table';
import { AsyncContent } from '@huntkit/web/ui';
import type { ResultChange, RunResultDto, RunStatus, Severity } from '../api/run-models';
import { RunsService } from '@huntkit/web/api-client';
import { ChangeBadge } from '../shared/change-badge';
import { loaded } from '../shared/loaded';
import { CHANGE_LABELS, CHANGES, isFinal, SEVERITIES, SEVERITY_LABELS } from '../shared/run-format';
import { SeverityChip } from '../shared/severity-chip';
import { detailEntries } from './result-details';

const rank = (severity: Severity) => SEVERITIES.indexOf(severity);

/**
 * A finished run's findings and assets, most severe first, filterable by severity and by change since
 * the previous run, each row opening onto its details. Runs write their results when they finish, so
 * the list loads then; it is filtered here, which keeps the counts of every filter at hand.
 */
@Component({
  selector: 'hk-run-results',
  imports: [MatButtonModule, MatButtonToggleModule, MatTableModule, AsyncContent, ChangeBadge, SeverityChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './run-results.html',
  styleUrl: './run-results.scss',
})
export class RunResults {
  private readonly api = inject(RunsService);

  readonly runId = input.required<string>();
  readonly status = input.required<RunStatus>();

  protected readonly final = computed(() => isFinal(this.status()));
  protected readonly results = rxResource({
    params: () => (this.final() ? { runId: this.runId() } : undefined),
    stream: ({ params }) => this.api.listRunResults(params),
  });
  protected readonly all = computed(() =>
    [...(loaded(this.results) ?? [])].sort((a, b) => rank(a.severity) - rank(b.severity)),
  );

  protected readonly severity = signal<Severity | 'all'>('all');
  protected readonly change = signal<ResultChange | 'all'>('all');
  protected readonly expanded = signal<string | null>(null);
  protected readonly columns = ['severity', 'change', 'kind', 'title', 'expand'];
  protected readonly severityLabels = SEVERITY_LABELS;
  protected readonly changeLabels = CHANGE_LABELS;
  /** How a run without results ended, as the end of "The run …". */
  protected readonly endings: Partial<Record<RunStatus, string>> = {
    failed: 'failed',
    cancelled: 'was cancelled',
    timed_out: 'timed out',
  };

  protected readonly severityCounts = computed(() =>
    SEVERITIES.map((severity) => ({
      severity,
      count: this.all().filter((result) => result.severity === severity).length,
    })).filter((entry) => entry.count > 0),
  );
  protected readonly changeCounts = computed(() =>
    CHANGES.map((change) => ({
      change,
      count: this.all().filter((result) => result.change === change).length,
    })).filter((entry) => entry.count > 0),
  );
  /** One sentence for the whole set: "5 results: 1 high, 2 info · 2 new · 1 gone". */
  protected readonly summary = computed(() => {
    const all = this.all();
    const bySeverity = this.severityCounts()
      .map((entry) => `${entry.count} ${SEVERITY_LABELS[entry.severity].toLowerCase()}`)
      .join(', ');
    const changes = this.changeCounts()
      .filter((entry) => entry.change !== 'unchanged')
      .map((entry) => `${entry.count} ${CHANGE_LABELS[entry.change].toLowerCase()}`);
    return [`${all.length} result${all.length === 1 ? '' : 's'}: ${bySeverity}`, ...changes].join(' · ');
  });
  protected readonly rows = computed(() => {
    const severity = this.severity();
    const change = this.change();
    return this.all().filter(
      (result) =>
        (severity === 'all' || result.severity === severity) &&
        (change === 'all' || result.change === change),
    );
  });
  protected readonly details = detailEntries;

  protected toggle(result: RunResultDto): void {
    this.expanded.update((id) => (id === result.id ? null : result.id));
  }

  protected showAll(): void {
    this.severity.set('all');
    this.change.set('all');
  }

  /** mat-table rows are untyped in templates; this gives them their type back. */
  protected row(value: unknown): RunResultDto {
    return value as RunResultDto;
  }
}
