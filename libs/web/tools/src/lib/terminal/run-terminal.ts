import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  InjectionToken,
  input,
  linkedSignal,
  output,
  PLATFORM_ID,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { isPlatformBrowser } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { SessionRefresher } from '@huntkit/web/session';
import type { RunStatus, RunStatusEvent } from '../api/run-models';
import { runLogUrl, runStreamUrl } from '../api/runs-api';
import { formatDuration, isFinal, STATUS_LABELS } from '../shared/run-format';
import { StatusChip } from '../shared/status-chip';
import { LineBatcher } from './line-batcher';
import { RunStream, type StreamState } from './run-stream';
import { XtermView } from './xterm-view';

/** Opens the run's event stream; tests replace it with a fake EventSource. */
export const RUN_EVENT_SOURCE = new InjectionToken<(url: string) => EventSource>('RUN_EVENT_SOURCE', {
  factory: () => (url) => new EventSource(url),
});

/** A dim closing line, so a finished run's output says how it ended even when scrolled back. */
function footer(event: RunStatusEvent, elapsed: string): string {
  const ending = `── ${STATUS_LABELS[event.status]}${elapsed ? ` after ${elapsed}` : ''} ──`;
  const error = event.error ? `\x1b[31m${event.error}\x1b[0m\n` : '';
  return `${error}\x1b[2m${ending}\x1b[0m\n`;
}

/**
 * A run's live terminal: the output streamed into xterm, a status bar that follows the run, and Copy
 * and Download log. Tells the page about every status change so it can reload what depends on it.
 */
@Component({
  selector: 'hk-run-terminal',
  imports: [MatButtonModule, StatusChip, XtermView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './run-terminal.html',
  styleUrl: './run-terminal.scss',
})
export class RunTerminal {
  private readonly createSource = inject(RUN_EVENT_SOURCE);
  private readonly refresher = inject(SessionRefresher);
  private readonly browser = isPlatformBrowser(inject(PLATFORM_ID));
  private readonly view = viewChild.required(XtermView);

  readonly runId = input.required<string>();
  /** What the page knows so far; the stream takes over from there. */
  readonly status = input.required<RunStatus>();
  readonly startedAt = input<string | null>(null);
  readonly finishedAt = input<string | null>(null);
  readonly logAvailable = input(true);
  readonly statusChange = output<RunStatusEvent>();

  protected readonly liveStatus = linkedSignal(() => this.status());
  private readonly liveStartedAt = linkedSignal(() => this.startedAt());
  private readonly liveFinishedAt = linkedSignal(() => this.finishedAt());
  protected readonly lines = signal(0);
  protected readonly connection = signal<StreamState>('connecting');
  protected readonly copied = signal(false);
  protected readonly announcement = signal('');
  protected readonly logUrl = computed(() => runLogUrl(this.runId()));
  private readonly now = signal(Date.now());

  protected readonly elapsed = computed(() => {
    const start = this.liveStartedAt();
    if (!start) return '';
    const end = this.liveFinishedAt() ?? (isFinal(this.liveStatus()) ? null : this.now());
    return end === null ? '' : formatDuration(new Date(end).getTime() - new Date(start).getTime());
  });

  constructor() {
    // Browser only, after the screen exists: one stream per run shown, a new run id starts afresh.
    afterRenderEffect((onCleanup) => {
      const runId = this.runId();
      onCleanup(untracked(() => this.follow(runId)));
    });
    // The clock ticks only while the run can still change.
    effect((onCleanup) => {
      if (!this.browser || isFinal(this.liveStatus()) || !this.liveStartedAt()) return;
      const tick = () => this.now.set(Date.now());
      tick();
      const timer = setInterval(tick, 1000);
      onCleanup(() => clearInterval(timer));
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.copiedTimer));
  }

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.view().text());
      this.copied.set(true);
      clearTimeout(this.copiedTimer);
      this.copiedTimer = setTimeout(() => this.copied.set(false), 2000);
    } catch {
      this.announcement.set('The clipboard is not available here. Select the text or download the log.');
    }
  }

  protected reconnect(): void {
    this.stream?.reopen();
  }

  private stream: RunStream | null = null;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;

  private follow(runId: string): () => void {
    this.lines.set(0);
    this.view().clear();
    const batcher = new LineBatcher((lines) => {
      this.view().write(lines.join('\n') + '\n');
      this.lines.update((count) => count + lines.length);
    });
    /** A refused stream is most often a lapsed access cookie: renew it once and try again. */
    let renewed = false;
    const stream = new RunStream(
      runStreamUrl(runId),
      {
        line: (text) => batcher.push(text),
        status: (event) => {
          batcher.drain();
          this.onStatus(event);
        },
        state: (state) => {
          if (state === 'open') renewed = false;
          if (state === 'failed' && !renewed) {
            renewed = true;
            this.connection.set('reconnecting');
            this.refresher
              .refresh()
              .subscribe((ok) => (ok ? stream.reopen() : this.connection.set('failed')));
            return;
          }
          this.connection.set(state);
        },
      },
      this.createSource,
    );
    this.stream = stream;
    stream.open();
    return () => {
      stream.close();
      batcher.dispose();
      if (this.stream === stream) this.stream = null;
    };
  }

  private onStatus(event: RunStatusEvent): void {
    if (event.status === 'running' && !this.liveStartedAt()) this.liveStartedAt.set(event.at);
    if (isFinal(event.status)) {
      this.liveFinishedAt.set(this.liveFinishedAt() ?? event.at);
    }
    this.liveStatus.set(event.status);
    if (isFinal(event.status)) this.view().write(footer(event, this.elapsed()));
    this.announcement.set(`Run ${STATUS_LABELS[event.status].toLowerCase()}.`);
    this.statusChange.emit(event);
  }
}
