import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { CreditsStore, problemDetail } from '@huntkit/web/session';
import { AsyncContent } from '@huntkit/web/ui';
import type { RunDetailDto, RunStatusEvent } from '../api/run-models';
import { RunsService } from '@huntkit/web/api-client';
import { pageTitle } from '../shared/page-title';
import { isFinal } from '../shared/run-format';
import { RunTerminal } from '../terminal/run-terminal';
import { RunHeader } from './run-header';
import { RunResults } from './run-results';

/** One run: its header and actions, the live terminal, and the results once it has finished. */
@Component({
  selector: 'hk-run-page',
  imports: [RouterLink, AsyncContent, RunHeader, RunResults, RunTerminal],
  host: { class: 'hk-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-width">
      <a class="back" routerLink="/runs">
        <span class="material-symbols-outlined" aria-hidden="true">arrow_back</span>Your runs
      </a>
      <hk-async-content
        [loading]="!shown() && run.isLoading()"
        [failed]="!shown() && !!run.error()"
        loadingText="Loading the run…"
        [errorText]="
          notFound() ? 'There is no run at this address, or it is not yours.' : 'The run could not be loaded.'
        "
        (retry)="run.reload()"
      >
        @if (shown(); as current) {
          <hk-run-header [run]="current" [cancelling]="cancelling()" (cancelRun)="cancel()" />
          @if (cancelError(); as message) {
            <p class="banner error" role="alert">
              <span class="material-symbols-outlined" aria-hidden="true">error</span>{{ message }}
            </p>
          }
          <hk-run-terminal
            class="terminal"
            [runId]="current.id"
            [status]="current.status"
            [startedAt]="current.startedAt"
            [finishedAt]="current.finishedAt"
            [logAvailable]="current.logAvailable"
            (statusChange)="onStatus($event)"
          />
          <section class="card" aria-labelledby="results-title">
            <h2 id="results-title">Results</h2>
            <hk-run-results [runId]="current.id" [status]="current.status" />
          </section>
        }
      </hk-async-content>
    </div>
  `,
  styleUrl: './run-page.scss',
})
export class RunPage {
  private readonly api = inject(RunsService);
  private readonly credits = inject(CreditsStore);

  /** Route parameter, bound by the router. */
  readonly runId = input.required<string>();

  protected readonly run = rxResource({
    params: () => ({ runId: this.runId() }),
    stream: ({ params }) => this.api.getRun(params),
  });
  /**
   * The run on screen: the last good answer stays while a reload is under way or fails, so the
   * terminal keeps streaming; another run's data never shows under this one's address.
   */
  protected readonly shown = linkedSignal<RunDetailDto | null, RunDetailDto | null>({
    source: () => (this.run.hasValue() ? this.run.value() : null),
    computation: (next, previous) => next ?? (previous?.value?.id === this.runId() ? previous.value : null),
  });
  protected readonly notFound = computed(() => {
    const error = this.run.error();
    return error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400);
  });
  protected readonly cancelling = signal(false);
  protected readonly cancelError = signal<string | null>(null);

  constructor() {
    pageTitle(
      computed(() => {
        const run = this.shown();
        return run ? `${run.toolName} on ${run.target}` : null;
      }),
    );
  }

  /**
   * Every status change alters timing, counts or cost: show it at once, then take the run again from
   * the API. The stream replays from the start, so a status the page already shows changes nothing.
   */
  protected onStatus(event: RunStatusEvent): void {
    const current = this.shown();
    if (!current || current.status === event.status) return;
    this.shown.set({ ...current, status: event.status });
    this.run.reload();
    // Failed and cancelled runs give their credits back; finished ones settle them.
    if (isFinal(event.status)) this.credits.refresh();
  }

  protected cancel(): void {
    if (this.cancelling()) return;
    this.cancelling.set(true);
    this.cancelError.set(null);
    this.api.cancelRun({ runId: this.runId() }).subscribe({
      next: (run) => {
        this.run.set(run);
        this.cancelling.set(false);
        if (isFinal(run.status)) this.credits.refresh();
      },
      error: (error: unknown) => {
        this.cancelError.set(problemDetail(error, 'The run could not be cancelled. Try again in a moment.'));
        this.cancelling.set(false);
      },
    });
  }
}
