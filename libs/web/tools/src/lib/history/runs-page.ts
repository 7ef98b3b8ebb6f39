import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { Router, RouterLink } from '@angular/router';
import { ToolsService } from '@huntkit/web/api-client';
import { AsyncContent, HeadingBlock } from '@huntkit/web/ui';
import type { RunPageDto } from '../api/run-models';
import { RunsService } from '@huntkit/web/api-client';
import { loaded } from '../shared/loaded';
import { RunFiltersBar } from './run-filters-bar';
import {
  hasFilters,
  PAGE_SIZES,
  parseRunFilters,
  type RunFilters,
  runListParams,
  runQueryOf,
} from './run-filters';
import { RunsTable } from './runs-table';

/** Every run of the signed-in user, filtered and paged on the server, with the filters in the URL. */
@Component({
  selector: 'hk-runs-page',
  imports: [
    MatButtonModule,
    MatPaginatorModule,
    RouterLink,
    AsyncContent,
    HeadingBlock,
    RunFiltersBar,
    RunsTable,
  ],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './runs-page.html',
  styleUrl: './runs-page.scss',
})
export class RunsPage {
  private readonly api = inject(RunsService);
  private readonly router = inject(Router);
  private readonly toolsApi = inject(ToolsService);

  /** The query string, bound by the router. */
  readonly tool = input<string>();
  readonly status = input<string>();
  readonly target = input<string>();
  readonly period = input<string>();
  readonly page = input<string>();
  readonly size = input<string>();

  protected readonly filters = computed(() =>
    parseRunFilters({
      tool: this.tool(),
      status: this.status(),
      target: this.target(),
      period: this.period(),
      page: this.page(),
      size: this.size(),
    }),
  );
  protected readonly runs = rxResource({
    params: () => runListParams(this.filters()),
    stream: ({ params }) => this.api.listRuns(params),
  });
  /** The last page stays on screen (dimmed) while the next one loads. */
  protected readonly shown = linkedSignal<RunPageDto | undefined, RunPageDto | null>({
    source: () => loaded(this.runs),
    computation: (next, previous) => next ?? previous?.value ?? null,
  });
  private readonly catalog = rxResource({ stream: () => this.toolsApi.listTools() });
  protected readonly tools = computed(() => loaded(this.catalog) ?? []);
  protected readonly filtered = computed(() => hasFilters(this.filters()));
  protected readonly pageSizes = PAGE_SIZES;

  /** New filters start again from the first page; typing replaces the history entry, picking adds one. */
  protected update(change: Partial<RunFilters>): void {
    const next = { ...this.filters(), page: 1, ...change };
    void this.router.navigate([], {
      queryParams: runQueryOf(next),
      replaceUrl: 'target' in change,
    });
  }

  protected turn(event: PageEvent): void {
    this.update({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected clear(): void {
    this.update({ toolId: null, status: null, target: '', period: null });
  }
}
